package session

// Tree is the conversation tree of one transcript: every line with a uuid,
// in file order, linked through parentUuid. It keeps a few words per line,
// never the lines themselves.
type Tree struct {
	nodes  []TreeNode
	byUUID map[string]int
}

// TreeNode is one line of the tree.
type TreeNode struct {
	// Line is the line number.
	Line int
	// UUID and Parent are the line's uuid and parentUuid ("" for null).
	UUID, Parent string
	// Sidechain marks a subagent's line.
	Sidechain bool
}

// NewTree returns an empty tree.
func NewTree() *Tree { return &Tree{byUUID: map[string]int{}} }

// Add appends a line; lines without a uuid are ignored. It returns the
// node's index, or -1. A repeated uuid keeps the first line, as a reader
// that indexes by uuid would.
func (t *Tree) Add(line int, e *Entry) int {
	if e.UUID == "" {
		return -1
	}
	i := len(t.nodes)
	t.nodes = append(t.nodes, TreeNode{Line: line, UUID: e.UUID, Parent: e.ParentUUID, Sidechain: e.Sidechain})
	if _, dup := t.byUUID[e.UUID]; !dup {
		t.byUUID[e.UUID] = i
	}
	return i
}

// Len returns the number of nodes.
func (t *Tree) Len() int { return len(t.nodes) }

// Node returns node i.
func (t *Tree) Node(i int) TreeNode { return t.nodes[i] }

// Lookup returns the index of the node with uuid, or -1.
func (t *Tree) Lookup(uuid string) int {
	if i, ok := t.byUUID[uuid]; ok {
		return i
	}
	return -1
}

// Leaf returns the node Claude Code resumes from: the last main-thread
// (not sidechain) line in file order, or -1 when there is none.
func (t *Tree) Leaf() int {
	for i := len(t.nodes) - 1; i >= 0; i-- {
		if !t.nodes[i].Sidechain {
			return i
		}
	}
	return -1
}

// Break is a place where the chain names a parent that is not in the file.
type Break struct {
	// Node is the index of the line whose parent is missing.
	Node int
	// Missing is the parentUuid it names.
	Missing string
	// Relinked is the index of the node the chain continues from instead
	// (the nearest earlier main-thread line), or -1 when there is none.
	Relinked int
}

// Chain returns the nodes Claude Code sends on resume, oldest first: from
// leaf back through parentUuid to a root (null parent, which is also how a
// compaction boundary starts the conversation over). Where a parent is
// missing, the chain continues from the nearest earlier main-thread line,
// and the break is reported: that is how a damaged line is stepped over.
func (t *Tree) Chain(leaf int) (chain []int, breaks []Break) {
	if leaf < 0 {
		return nil, nil
	}
	seen := map[int]bool{}
	for i := leaf; i >= 0 && !seen[i]; {
		seen[i] = true
		chain = append(chain, i)
		p := t.nodes[i].Parent
		if p == "" {
			break
		}
		next := t.Lookup(p)
		if next < 0 {
			b := Break{Node: i, Missing: p, Relinked: -1}
			for j := i - 1; j >= 0; j-- {
				if !t.nodes[j].Sidechain && !seen[j] {
					b.Relinked = j
					break
				}
			}
			breaks = append(breaks, b)
			next = b.Relinked
		}
		i = next
	}
	for l, r := 0, len(chain)-1; l < r; l, r = l+1, r-1 {
		chain[l], chain[r] = chain[r], chain[l]
	}
	for l, r := 0, len(breaks)-1; l < r; l, r = l+1, r-1 {
		breaks[l], breaks[r] = breaks[r], breaks[l]
	}
	return chain, breaks
}
