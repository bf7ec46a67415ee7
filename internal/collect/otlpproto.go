package collect

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// OTLP protobuf, read against the table of otlpschema.go. The rules are
// those of the reference decoder (the collector's pdata), so that both take
// and refuse the same bodies: a known field with the wrong wire type is an
// error, unknown fields (groups included) are skipped, a repeated number
// may come packed or not, varints are at most ten bytes.

// errProto is a body that is not a valid OTLP protobuf message.
var errProto = errors.New("collect: malformed OTLP protobuf")

// errFieldNumber is a field number past 2^31-1, which protobuf does not
// allow. (The reference decoder reads such numbers modulo 2^32.)
var errFieldNumber = fmt.Errorf("%w: field number out of range", errProto)

// errDepth is AnyValue nesting past maxValueDepth.
var errDepth = errors.New("collect: OTLP values nested too deep")

// decodeLogsProto reads an ExportLogsServiceRequest.
func decodeLogsProto(buf []byte) (*otlpLogs, error) {
	l := &otlpLogs{}
	b := &builder{logs: l, migrate: true}
	if err := walkProto(buf, mLogsRequest, b, 0); err != nil {
		return nil, err
	}
	return l, nil
}

// decodeMetricsProto reads an ExportMetricsServiceRequest.
func decodeMetricsProto(buf []byte) (*otlpMetrics, error) {
	m := &otlpMetrics{}
	b := &builder{metrics: m, migrate: true}
	if err := walkProto(buf, mMetricsRequest, b, 0); err != nil {
		return nil, err
	}
	return m, nil
}

// Protobuf wire types.
const (
	wireVarint     = 0
	wireI64        = 1
	wireLen        = 2
	wireStartGroup = 3
	wireEndGroup   = 4
	wireI32        = 5
)

// varint reads a base-128 varint of at most ten bytes; n is 0 when buf
// ends first or the varint is longer. Bits past the 64th are dropped.
func varint(buf []byte) (v uint64, n int) {
	for i := 0; i < 10 && i < len(buf); i++ {
		c := buf[i]
		v |= uint64(c&0x7f) << (7 * i)
		if c < 0x80 {
			return v, i + 1
		}
	}
	return 0, 0
}

// tagOf reads a field's tag: its number and wire type.
func tagOf(buf []byte) (num uint64, wt int, n int, err error) {
	t, n := varint(buf)
	if n == 0 {
		return 0, 0, 0, errProto
	}
	num = t >> 3
	if num == 0 {
		return 0, 0, 0, fmt.Errorf("%w: field number 0", errProto)
	}
	if num > math.MaxInt32 {
		return 0, 0, 0, errFieldNumber
	}
	return num, int(t & 7), n, nil
}

// lenOf reads a length prefix and returns the bytes it covers and the
// total consumed.
func lenOf(buf []byte) ([]byte, int, error) {
	l, n := varint(buf)
	if n == 0 || l > uint64(len(buf)-n) {
		return nil, 0, errProto
	}
	return buf[n : n+int(l)], n + int(l), nil
}

// skipField skips an unknown field's value. Groups are skipped as the
// reference decoder skips them: a start-group tag, nested start- and
// end-group tags, up to the first field with a value, whose value ends the
// skip.
func skipField(buf []byte, wt int) (int, error) {
	pos, depth := 0, 0
	for pos < len(buf) {
		var n int
		switch wt {
		case wireVarint:
			if _, n = varint(buf[pos:]); n == 0 {
				return 0, errProto
			}
			return pos + n, nil
		case wireI64:
			if len(buf)-pos < 8 {
				return 0, errProto
			}
			return pos + 8, nil
		case wireLen:
			_, n, err := lenOf(buf[pos:])
			if err != nil {
				return 0, err
			}
			return pos + n, nil
		case wireI32:
			if len(buf)-pos < 4 {
				return 0, errProto
			}
			return pos + 4, nil
		case wireStartGroup:
			depth++
		case wireEndGroup:
			if depth == 0 {
				return 0, fmt.Errorf("%w: unexpected end of group", errProto)
			}
			depth--
			if depth == 0 {
				return pos, nil
			}
		default:
			return 0, fmt.Errorf("%w: wire type %d", errProto, wt)
		}
		var err error
		if _, wt, n, err = tagOf(buf[pos:]); err != nil {
			return 0, err
		}
		pos += n
	}
	return 0, errProto
}

// walkProto reads one message of kind id from buf and sends the builder the
// events of its tagged fields; b is nil under an untagged field. depth is
// the AnyValue nesting so far.
func walkProto(buf []byte, id msgID, b *builder, depth int) error {
	m := &messages[id]
	depth, err := m.enter(depth)
	if err != nil {
		return err
	}
	for pos := 0; pos < len(buf); {
		num, wt, n, err := tagOf(buf[pos:])
		if err != nil {
			return err
		}
		pos += n
		f := m.byNumber(num)
		if f == nil {
			n, err := skipField(buf[pos:], wt)
			if err != nil {
				return err
			}
			pos += n
			continue
		}
		n, err = protoField(buf[pos:], wt, f, b, depth)
		if err != nil {
			return err
		}
		pos += n
	}
	return nil
}

// protoField reads the value of a known field and returns its length.
func protoField(buf []byte, wt int, f *field, b *builder, depth int) (int, error) {
	var sub *builder // the builder for this field, nil when it is not read
	if b != nil && f.tag != tagNone {
		sub = b
	}
	wrong := func() (int, error) {
		return 0, fmt.Errorf("%w: wire type %d for field %s", errProto, wt, f.camel)
	}
	switch f.kind {
	case fMessage, fString, fBytes, fTraceID, fSpanID:
		if wt != wireLen {
			return wrong()
		}
		v, n, err := lenOf(buf)
		if err != nil {
			return 0, err
		}
		switch f.kind {
		case fMessage:
			if sub != nil {
				if err := sub.begin(f.tag); err != nil {
					return 0, err
				}
			}
			if err := walkProto(v, f.msg, sub, depth); err != nil {
				return 0, err
			}
			if sub != nil {
				if err := sub.end(f.tag); err != nil {
					return 0, err
				}
			}
		case fTraceID, fSpanID:
			if want := idLen(f.kind); len(v) != 0 && len(v) != want {
				return 0, fmt.Errorf("%w: %s of %d bytes", errProto, f.camel, len(v))
			}
		default:
			if sub != nil {
				sub.set(f.tag, string(v), 0)
			}
		}
		return n, nil
	case fFixed64, fSfixed64, fDouble:
		if wt == wireLen && f.rep { // packed
			v, n, err := lenOf(buf)
			if err != nil {
				return 0, err
			}
			if len(v)%8 != 0 {
				return 0, fmt.Errorf("%w: packed %s of %d bytes", errProto, f.camel, len(v))
			}
			return n, nil
		}
		if wt != wireI64 {
			return wrong()
		}
		if len(buf) < 8 {
			return 0, errProto
		}
		if sub != nil {
			sub.set(f.tag, "", binary.LittleEndian.Uint64(buf))
		}
		return 8, nil
	case fFixed32:
		if wt != wireI32 {
			return wrong()
		}
		if len(buf) < 4 {
			return 0, errProto
		}
		return 4, nil
	default: // varints
		if wt == wireLen && f.rep { // packed
			v, n, err := lenOf(buf)
			if err != nil {
				return 0, err
			}
			for len(v) > 0 {
				_, k := varint(v)
				if k == 0 {
					return 0, errProto
				}
				v = v[k:]
			}
			return n, nil
		}
		if wt != wireVarint {
			return wrong()
		}
		x, n := varint(buf)
		if n == 0 {
			return 0, errProto
		}
		if sub != nil {
			if f.kind == fBool && x != 0 {
				x = 1
			}
			sub.set(f.tag, "", x)
		}
		return n, nil
	}
}

// idLen is the length of a trace or span id.
func idLen(k fieldKind) int {
	if k == fTraceID {
		return 16
	}
	return 8
}
