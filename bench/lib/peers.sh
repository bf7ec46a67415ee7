# bench/lib/peers.sh — the peers the proxy benchmarks measure against,
# sourced by bench/proxy.sh and bench/proxy-floor.sh. It installs what is
# missing (nginx-light, wrk, hyperfine; needs root for apt-get), then, in
# $work: an nginx "origin" on $ORIGIN_PORT answering a canned Messages body,
# an nginx reverse proxy to it on $NGINX_PORT (streaming, keepalive
# upstream), and post.lua, wrk's request. Sourcing it only defines
# functions: install_peers, make_work, start_peers, stop_peers, wait_port,
# to_ms. The caller sets the ports.

# install_peers installs nginx-light, wrk and hyperfine if missing and sets NGINX.
install_peers() {
	need=()
	command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
	command -v wrk >/dev/null || need+=(wrk)
	command -v hyperfine >/dev/null || need+=(hyperfine)
	if [ ${#need[@]} -gt 0 ]; then
		echo "installing ${need[*]}" >&2
		apt-get update -qq
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
	fi
	NGINX=$(command -v nginx || echo /usr/sbin/nginx)
}

# make_work makes the scratch directory $work and sets a trap that, on
# exit, stops the processes in pids and both nginx instances, and removes it.
make_work() {
	work=$(mktemp -d)
	pids=()
	trap cleanup EXIT
}

cleanup() {
	for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
	stop_peers
	wait 2>/dev/null || true
	rm -rf "$work"
}

# stop_peers stops both nginx instances.
stop_peers() {
	for conf in "$work"/origin.conf "$work"/proxy.conf; do
		[ -f "$conf" ] && "$NGINX" -c "$conf" -p "$work" -s quit 2>/dev/null || true
	done
}

# start_peers writes the configurations and wrk's request into $work and
# starts both nginx instances.
start_peers() {
	local body
# A canned Messages API answer, as the real API sends it (non-streaming).
body='{"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message","role":"assistant","model":"claude-opus-5-5","content":[{"type":"text","text":"Hi! How can I help you today?"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":8,"output_tokens":12}}'

mkdir -p "$work/logs"
cat >"$work/origin.conf" <<EOF
worker_processes 1;
pid $work/origin.pid;
error_log $work/logs/origin.err warn;
events { worker_connections 4096; }
http {
	access_log off;
	keepalive_requests 1000000;
	server {
		listen 127.0.0.1:$ORIGIN_PORT reuseport;
		location / {
			default_type application/json;
			add_header request-id req_bench000000000000000001;
			return 200 '$body';
		}
	}
}
EOF
cat >"$work/proxy.conf" <<EOF
worker_processes auto;
pid $work/proxy.pid;
error_log $work/logs/proxy.err warn;
events { worker_connections 4096; }
http {
	access_log off;
	keepalive_requests 1000000;
	upstream origin {
		server 127.0.0.1:$ORIGIN_PORT;
		keepalive 256;
	}
	server {
		listen 127.0.0.1:$NGINX_PORT reuseport;
		client_max_body_size 32m;
		location / {
			proxy_pass http://origin;
			proxy_http_version 1.1;
			proxy_set_header Connection "";
			proxy_buffering off;
			proxy_request_buffering on;
		}
	}
}
EOF
"$NGINX" -c "$work/origin.conf" -p "$work" -e "$work/logs/origin.err"
"$NGINX" -c "$work/proxy.conf" -p "$work" -e "$work/logs/proxy.err"

# wrk sends what Claude Code sends: a POST with the API's headers and a small body.
cat >"$work/post.lua" <<'EOF'
wrk.method = "POST"
wrk.path = "/v1/messages?beta=true"
wrk.body = '{"model":"claude-opus-5-5","max_tokens":1024,"messages":[{"role":"user","content":"Hello, Claude"}]}'
wrk.headers["content-type"] = "application/json"
wrk.headers["anthropic-version"] = "2023-06-01"
wrk.headers["anthropic-beta"] = "claude-code-20250219,interleaved-thinking-2025-05-14"
wrk.headers["x-api-key"] = "sk-ant-api03-bench-not-a-real-key-0000"
wrk.headers["user-agent"] = "claude-cli/2.1.332 (external, sdk-cli)"
EOF
}

# wait_port waits (10 s at most) until something listens on port $1.
wait_port() {
	for _ in $(seq 100); do
		curl -s -o /dev/null "http://127.0.0.1:$1/healthz" && return 0
		(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
		sleep 0.1
	done
	echo "nothing listening on port $1" >&2
	exit 1
}

# to_ms converts wrk's latency figures (850.00us, 1.20ms, 2.01s) to ms.
to_ms() {
	awk -v v="$1" 'BEGIN {
		n = v + 0
		if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000
		printf "%.3f", n }'
}
