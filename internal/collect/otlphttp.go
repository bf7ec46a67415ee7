package collect

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/ccerr/ccerr/internal/store"
)

// The content types of OTLP/HTTP (FACTS §9.1).
const (
	typeJSON     = "application/json"
	typeProtobuf = "application/x-protobuf"
)

// errTooLarge is a body over a limit, before or after decompression.
var errTooLarge = errors.New("collect: request body too large")

// readBody reads a request body within the limits, decompressing gzip.
func (s *Server) readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	body := http.MaxBytesReader(w, r.Body, s.cfg.MaxBody)
	var rd io.Reader = body
	switch enc := strings.ToLower(strings.TrimSpace(r.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
	case "gzip":
		zr, err := gzip.NewReader(body)
		if err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				return nil, errTooLarge
			}
			return nil, fmt.Errorf("collect: gzip: %w", err)
		}
		defer zr.Close()
		rd = zr
	default:
		return nil, fmt.Errorf("collect: Content-Encoding %q: only gzip is accepted", enc)
	}
	// One byte past the limit tells a body at the limit from one over it
	// (a gzip bomb stops here, having inflated at most the limit).
	b, err := io.ReadAll(io.LimitReader(rd, s.cfg.MaxDecoded+1))
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) || int64(len(b)) > s.cfg.MaxDecoded {
		return nil, errTooLarge
	}
	if err != nil {
		return nil, fmt.Errorf("collect: reading the body: %w", err)
	}
	return b, nil
}

// mediaType returns the request's content type, json or protobuf, or "".
func mediaType(r *http.Request) string {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		return ""
	}
	switch mt {
	case typeJSON, typeProtobuf:
		return mt
	}
	return ""
}

// fail answers a request that could not be taken, counting why.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	code, reason := http.StatusBadRequest, rejectDecode
	switch {
	case errors.Is(err, errTooLarge):
		code, reason = http.StatusRequestEntityTooLarge, rejectSize
	case errors.Is(err, errMedia):
		code, reason = http.StatusUnsupportedMediaType, rejectMedia
	case errors.Is(err, errBusy), errors.Is(err, errStore):
		// Retryable in OTLP: the exporter sends the batch again.
		code, reason = http.StatusServiceUnavailable, rejectStore
		w.Header().Set("Retry-After", "5")
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		code, reason = http.StatusServiceUnavailable, rejectStore
	}
	s.metrics.reject(reason)
	s.cfg.Logger.Warn("request rejected", "path", r.URL.Path, "status", code, "err", err.Error())
	http.Error(w, err.Error(), code)
}

var (
	errMedia = errors.New("collect: Content-Type must be application/json or application/x-protobuf")
	errStore = errors.New("collect: the store failed; send again")
)

// commit hands a batch to the committer and waits for it.
func (s *Server) commit(ctx context.Context, b store.Batch) error {
	if len(b.Events) == 0 && len(b.Sessions) == 0 {
		return nil
	}
	s.start()
	err := s.commits[shard(b, len(s.commits))].submit(ctx, b, s.cfg.CommitWait)
	if err != nil && !errors.Is(err, errBusy) && ctx.Err() == nil {
		s.cfg.Logger.Error("store", "err", err.Error())
		return fmt.Errorf("%w: %v", errStore, err)
	}
	return err
}

func (s *Server) handleLogs(w http.ResponseWriter, r *http.Request) {
	s.handleExport(w, r, "logs", func(mt string, body []byte) (decoded, error) {
		l, err := unmarshalOTLP(mt, body, decodeLogsJSON, decodeLogsProto)
		if err != nil {
			return decoded{}, err
		}
		return decodeLogs(l, s.cfg.KeepEmails), nil
	})
}

func (s *Server) handleMetrics(w http.ResponseWriter, r *http.Request) {
	s.handleExport(w, r, "metrics", func(mt string, body []byte) (decoded, error) {
		m, err := unmarshalOTLP(mt, body, decodeMetricsJSON, decodeMetricsProto)
		if err != nil {
			return decoded{}, err
		}
		return decodeMetrics(m), nil
	})
}

// handleExport is one OTLP/HTTP export: check the media type, read the
// bounded body, decode it, commit the batch, then answer in the request's
// encoding. Only log events are counted in the events metric.
func (s *Server) handleExport(w http.ResponseWriter, r *http.Request, signal string,
	decode func(mt string, body []byte) (decoded, error)) {
	mt := mediaType(r)
	if mt == "" {
		s.fail(w, r, errMedia)
		return
	}
	body, err := s.readBody(w, r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d, err := decode(mt, body)
	if errors.Is(err, errTooMany) {
		err = fmt.Errorf("%w: %w", errTooLarge, err)
	}
	if err != nil {
		s.fail(w, r, fmt.Errorf("collect: OTLP %s: %w", signal, err))
		return
	}
	if err := s.commit(r.Context(), d.batch); err != nil {
		s.fail(w, r, err)
		return
	}
	s.metrics.events(d.events)
	answer(w, mt)
}

// unmarshalOTLP decodes body with the decoder for its media type.
func unmarshalOTLP[T any](mt string, body []byte, fromJSON, fromProto func([]byte) (T, error)) (T, error) {
	if mt == typeJSON {
		return fromJSON(body)
	}
	return fromProto(body)
}

// answer writes an OTLP success response (an empty Export*ServiceResponse)
// in the request's encoding.
func answer(w http.ResponseWriter, mt string) {
	w.Header().Set("Content-Type", mt)
	if mt == typeJSON {
		io.WriteString(w, `{"partialSuccess":{}}`)
		return
	}
	w.Write(exportResponse)
}

func (s *Server) handleHook(w http.ResponseWriter, r *http.Request) {
	body, err := s.readBody(w, r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rec, err := ParseHookRecord(body)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if rec.At.IsZero() {
		rec.At = s.cfg.Now()
	}
	if err := s.commit(r.Context(), store.Batch{Events: []store.Event{rec.Event()}}); err != nil {
		s.fail(w, r, err)
		return
	}
	s.metrics.events(map[string]int{"hook": 1})
	w.Header().Set("Content-Type", typeJSON)
	io.WriteString(w, "{}\n")
}
