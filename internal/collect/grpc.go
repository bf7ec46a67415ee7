package collect

import (
	"context"
	"errors"

	"go.opentelemetry.io/collector/pdata/plog/plogotlp"
	"go.opentelemetry.io/collector/pdata/pmetric/pmetricotlp"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	_ "google.golang.org/grpc/encoding/gzip" // accept gzip-compressed messages
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

// GRPC returns a gRPC server with the OTLP logs and metrics services. Its
// message size limit is Config.MaxDecoded (checked after decompression);
// with a token set, every call must carry authorization: Bearer <token>.
func (s *Server) GRPC() *grpc.Server {
	gs := grpc.NewServer(
		grpc.MaxRecvMsgSize(int(s.cfg.MaxDecoded)),
		grpc.MaxConcurrentStreams(256),
		grpc.UnaryInterceptor(func(ctx context.Context, req any, info *grpc.UnaryServerInfo, h grpc.UnaryHandler) (any, error) {
			var auth string
			if md, ok := metadata.FromIncomingContext(ctx); ok {
				if v := md.Get("authorization"); len(v) > 0 {
					auth = v[0]
				}
			}
			if !s.authorized(auth) {
				s.metrics.reject(rejectAuth)
				return nil, status.Error(codes.Unauthenticated, "collect: missing or wrong token: send authorization: Bearer <token>")
			}
			return h(ctx, req)
		}),
	)
	plogotlp.RegisterGRPCServer(gs, &grpcLogs{s: s})
	pmetricotlp.RegisterGRPCServer(gs, &grpcMetrics{s: s})
	return gs
}

type grpcLogs struct {
	plogotlp.UnimplementedGRPCServer
	s *Server
}

func (g *grpcLogs) Export(ctx context.Context, req plogotlp.ExportRequest) (plogotlp.ExportResponse, error) {
	d := decodeLogs(req.Logs(), g.s.cfg.KeepEmails)
	if err := g.s.commit(ctx, d.batch); err != nil {
		return plogotlp.NewExportResponse(), grpcError(g.s, err)
	}
	g.s.metrics.events(d.events)
	return plogotlp.NewExportResponse(), nil
}

type grpcMetrics struct {
	pmetricotlp.UnimplementedGRPCServer
	s *Server
}

func (g *grpcMetrics) Export(ctx context.Context, req pmetricotlp.ExportRequest) (pmetricotlp.ExportResponse, error) {
	d := decodeMetrics(req.Metrics())
	if err := g.s.commit(ctx, d.batch); err != nil {
		return pmetricotlp.NewExportResponse(), grpcError(g.s, err)
	}
	return pmetricotlp.NewExportResponse(), nil
}

// grpcError maps a commit failure to a status the OTLP exporter retries.
func grpcError(s *Server, err error) error {
	s.metrics.reject(rejectStore)
	if errors.Is(err, context.Canceled) {
		return status.Error(codes.Canceled, err.Error())
	}
	return status.Error(codes.Unavailable, err.Error())
}
