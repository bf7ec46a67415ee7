package collect

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// OTLP/gRPC without a gRPC library: the two unary Export methods over
// HTTP/2 (unencrypted, as OTLP exporters send to a local collector). A call
// is one POST whose body is one length-prefixed message; the answer is one
// message and the status in the trailers. See the gRPC over HTTP/2
// protocol description (grpc/grpc doc/PROTOCOL-HTTP2.md).

// The methods the collector serves.
const (
	grpcLogsExport    = "/opentelemetry.proto.collector.logs.v1.LogsService/Export"
	grpcMetricsExport = "/opentelemetry.proto.collector.metrics.v1.MetricsService/Export"
)

// gRPC status codes the collector answers with.
const (
	grpcOK                = 0
	grpcCanceled          = 1
	grpcInvalidArgument   = 3
	grpcResourceExhausted = 8
	grpcUnimplemented     = 12
	grpcInternal          = 13
	grpcUnavailable       = 14
	grpcUnauthenticated   = 16
)

// exportResponse is an empty Export*ServiceResponse as the collector's
// earlier encoder wrote it: partial_success present and empty.
var exportResponse = []byte{0x0a, 0x00}

// grpcStatus is a call's outcome.
type grpcStatus struct {
	code int
	msg  string
}

// GRPC returns the OTLP/gRPC interface, to be served over HTTP/2 (see
// [Server.Serve], which serves it without TLS). A message is bounded by
// Config.MaxDecoded, as sent and once decompressed (gzip or identity); with
// a token set, every call must carry authorization: Bearer <token>.
func (s *Server) GRPC() http.Handler {
	return http.HandlerFunc(s.handleGRPC)
}

// grpcServer is the HTTP/2-only server of [Server.GRPC].
func (s *Server) grpcServer() *http.Server {
	var p http.Protocols
	p.SetUnencryptedHTTP2(true)
	hs := s.httpServer(s.GRPC())
	hs.Protocols = &p
	hs.HTTP2 = &http.HTTP2Config{MaxConcurrentStreams: 256}
	return hs
}

func (s *Server) handleGRPC(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || !grpcContentType(r.Header.Get("Content-Type")) {
		// Not a gRPC call (PROTOCOL-HTTP2.md: answer 415).
		s.metrics.reject(rejectMedia)
		http.Error(w, "collect: gRPC needs POST with Content-Type application/grpc", http.StatusUnsupportedMediaType)
		return
	}
	w.Header().Set("Content-Type", "application/grpc")
	w.Header().Set("Grpc-Accept-Encoding", "gzip")
	st := s.grpcCall(w, r)
	if st.code != grpcOK {
		s.cfg.Logger.Warn("request rejected", "path", r.URL.Path, "grpc-status", st.code, "err", st.msg)
	}
	w.Header().Set(http.TrailerPrefix+"Grpc-Status", strconv.Itoa(st.code))
	if st.msg != "" {
		w.Header().Set(http.TrailerPrefix+"Grpc-Message", grpcPercentEncode(st.msg))
	}
}

// grpcCall runs one call: on success it writes the response message.
func (s *Server) grpcCall(w http.ResponseWriter, r *http.Request) grpcStatus {
	logs := r.URL.Path == grpcLogsExport
	if !logs && r.URL.Path != grpcMetricsExport {
		return grpcStatus{grpcUnimplemented, "collect: unknown method " + r.URL.Path}
	}
	if !s.authorized(r.Header.Get("Authorization")) {
		s.metrics.reject(rejectAuth)
		return grpcStatus{grpcUnauthenticated, "collect: missing or wrong token: send authorization: Bearer <token>"}
	}
	msg, st := s.grpcMessage(r)
	if st.code != grpcOK {
		return st
	}
	var d decoded
	if logs {
		l, err := decodeLogsProto(msg)
		if err != nil {
			return s.grpcBadMessage(err)
		}
		d = decodeLogs(l, s.cfg.KeepEmails)
	} else {
		m, err := decodeMetricsProto(msg)
		if err != nil {
			return s.grpcBadMessage(err)
		}
		d = decodeMetrics(m)
	}
	if err := s.commit(r.Context(), d.batch); err != nil {
		return grpcError(s, err)
	}
	if logs {
		s.metrics.events(d.events)
	}
	frame := make([]byte, 5, 5+len(exportResponse))
	binary.BigEndian.PutUint32(frame[1:], uint32(len(exportResponse)))
	w.Write(append(frame, exportResponse...))
	return grpcStatus{}
}

// grpcBadMessage answers a message that does not decode.
func (s *Server) grpcBadMessage(err error) grpcStatus {
	if errors.Is(err, errTooMany) {
		s.metrics.reject(rejectSize)
		return grpcStatus{grpcResourceExhausted, err.Error()}
	}
	s.metrics.reject(rejectDecode)
	return grpcStatus{grpcInvalidArgument, err.Error()}
}

// grpcMessage reads the call's one request message, decompressed.
func (s *Server) grpcMessage(r *http.Request) ([]byte, grpcStatus) {
	limit := s.cfg.MaxDecoded
	var prefix [5]byte
	if _, err := io.ReadFull(r.Body, prefix[:]); err != nil {
		s.metrics.reject(rejectDecode)
		return nil, grpcStatus{grpcInternal, "collect: no request message"}
	}
	compressed := prefix[0] == 1
	if prefix[0] > 1 {
		s.metrics.reject(rejectDecode)
		return nil, grpcStatus{grpcInternal, "collect: bad message flag"}
	}
	n := int64(binary.BigEndian.Uint32(prefix[1:]))
	if n > limit {
		s.metrics.reject(rejectSize)
		return nil, grpcStatus{grpcResourceExhausted, fmt.Sprintf("collect: message of %d bytes, over the limit of %d", n, limit)}
	}
	msg, err := io.ReadAll(io.LimitReader(r.Body, n))
	if err == nil && int64(len(msg)) < n {
		err = io.ErrUnexpectedEOF
	}
	if err != nil {
		s.metrics.reject(rejectDecode)
		if r.Context().Err() != nil {
			return nil, grpcStatus{grpcCanceled, "collect: the call was cancelled"}
		}
		return nil, grpcStatus{grpcInternal, "collect: reading the message: " + err.Error()}
	}
	// A unary call carries one message.
	if k, _ := r.Body.Read(prefix[:1]); k > 0 {
		s.metrics.reject(rejectDecode)
		return nil, grpcStatus{grpcInternal, "collect: more than one request message"}
	}
	enc := strings.TrimSpace(r.Header.Get("Grpc-Encoding"))
	if !compressed {
		return msg, grpcStatus{}
	}
	switch enc {
	case "gzip":
	case "", "identity":
		s.metrics.reject(rejectDecode)
		return nil, grpcStatus{grpcInternal, "collect: compressed message without grpc-encoding"}
	default:
		s.metrics.reject(rejectMedia)
		return nil, grpcStatus{grpcUnimplemented, fmt.Sprintf("collect: grpc-encoding %q: only gzip is accepted", enc)}
	}
	zr, err := gzip.NewReader(bytes.NewReader(msg))
	if err != nil {
		s.metrics.reject(rejectDecode)
		return nil, grpcStatus{grpcInvalidArgument, "collect: gzip: " + err.Error()}
	}
	out, err := io.ReadAll(io.LimitReader(zr, limit+1))
	if int64(len(out)) > limit {
		s.metrics.reject(rejectSize)
		return nil, grpcStatus{grpcResourceExhausted, fmt.Sprintf("collect: message over the limit of %d bytes once decompressed", limit)}
	}
	if err != nil {
		s.metrics.reject(rejectDecode)
		return nil, grpcStatus{grpcInvalidArgument, "collect: gzip: " + err.Error()}
	}
	return out, grpcStatus{}
}

// grpcContentType reports whether ct is application/grpc or
// application/grpc+proto.
func grpcContentType(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	return err == nil && (mt == "application/grpc" || mt == "application/grpc+proto")
}

// grpcError maps a commit failure to a status the OTLP exporter retries.
func grpcError(s *Server, err error) grpcStatus {
	s.metrics.reject(rejectStore)
	if errors.Is(err, context.Canceled) {
		return grpcStatus{grpcCanceled, err.Error()}
	}
	return grpcStatus{grpcUnavailable, err.Error()}
}

// grpcPercentEncode encodes a grpc-message value: bytes outside printable
// ASCII, and '%', as %XX.
func grpcPercentEncode(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c > 0x7e || c == '%' {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
