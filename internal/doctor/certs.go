package doctor

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ccerr/ccerr/catalog"
)

// maxCABundle bounds the NODE_EXTRA_CA_CERTS file read; real bundles are
// well under a megabyte.
const maxCABundle = 16 << 20

// extraCAs is what NODE_EXTRA_CA_CERTS holds.
type extraCAs struct {
	path  string
	certs []*x509.Certificate
}

// loadExtraCAs reads a PEM bundle. The finding says what was wrong: a
// missing file, no PEM at all, PEM without certificates, or certificates
// that do not parse.
func (r *runner) loadExtraCAs() (*extraCAs, *Finding) {
	raw := r.getenv(envNodeExtraCACerts)
	if raw == "" {
		return nil, nil
	}
	f := &Finding{Name: envNodeExtraCACerts, Group: GroupNetwork, ID: catalog.TLSCertificate}
	path := raw
	if !filepath.IsAbs(path) && r.env.Dir != "" {
		path = filepath.Join(r.env.Dir, path)
	}
	label := r.label(path)
	fail := func(k Kind, args ...any) (*extraCAs, *Finding) {
		f.Status = Fail
		f.Detail = say(k, args...)
		f.Fix = r.fix(f.ID, envNodeExtraCACerts, MsgFixExtraCA)
		return nil, f
	}
	data, err := readLimited(path, maxCABundle)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return fail(MsgCAMissing, label)
		}
		return fail(MsgCAUnreadable, label, errText(err))
	}
	var certs []*x509.Certificate
	blocks, other, bad := 0, 0, 0
	rest := data
	for {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			break
		}
		blocks++
		if b.Type != "CERTIFICATE" {
			other++
			continue
		}
		c, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			bad++
			continue
		}
		certs = append(certs, c)
	}
	switch {
	case blocks == 0 && looksDER(data):
		return fail(MsgCADER, label)
	case blocks == 0:
		return fail(MsgCANotPEM, label)
	case len(certs) == 0 && bad > 0:
		return fail(MsgCABadCerts, label, bad)
	case len(certs) == 0:
		return fail(MsgCANoCerts, label, other)
	}
	ca := &extraCAs{path: path, certs: certs}
	f.Status, f.ID = OK, ""
	f.Detail = say(MsgCAOK, label, len(certs), certNames(certs, 2))
	now := r.env.Now()
	var expired []string
	for _, c := range certs {
		if now.After(c.NotAfter) {
			expired = append(expired, subjectName(c))
		}
	}
	switch {
	case bad > 0:
		f.Status, f.ID = Warn, catalog.TLSCertificate
		f.Detail = append(f.Detail, msg(MsgCASomeBad, bad))
		f.Fix = say(MsgFixExtraCA)
	case len(expired) == len(certs):
		// Expired roots in a full bundle are harmless; a bundle with
		// nothing but expired certificates cannot verify anything.
		f.Status, f.ID = Warn, catalog.TLSCertificate
		f.Detail = append(f.Detail, msg(MsgCAExpired, strings.Join(expired, ", ")))
		f.Fix = say(MsgFixExtraCA)
	}
	return ca, f
}

// looksDER guesses a binary (DER) certificate: an ASN.1 SEQUENCE tag.
func looksDER(b []byte) bool { return len(b) > 2 && b[0] == 0x30 && (b[1] == 0x82 || b[1] == 0x81) }

// subjectName is the most readable name in a certificate's subject.
func subjectName(c *x509.Certificate) string {
	return dnName(c.Subject.CommonName, c.Subject.Organization, c.Subject.String())
}

// issuerName is the most readable name in a certificate's issuer.
func issuerName(c *x509.Certificate) string {
	return dnName(c.Issuer.CommonName, c.Issuer.Organization, c.Issuer.String())
}

func dnName(cn string, org []string, full string) string {
	name := cn
	if len(org) > 0 {
		if name == "" {
			name = org[0]
		} else if org[0] != cn {
			name += " (" + org[0] + ")"
		}
	}
	if name == "" {
		name = full
	}
	if name == "" {
		name = "?"
	}
	return fmt.Sprintf("%q", name)
}

func certNames(certs []*x509.Certificate, max int) string {
	var names []string
	for i, c := range certs {
		if i == max {
			names = append(names, fmt.Sprintf("+%d", len(certs)-max))
			break
		}
		names = append(names, subjectName(c))
	}
	return strings.Join(names, ", ")
}

// rootPool returns the trusted roots for the handshake: the base pool plus
// NODE_EXTRA_CA_CERTS.
func (r *runner) rootPool(extra *extraCAs) *x509.CertPool {
	var pool *x509.CertPool
	if r.env.Roots != nil {
		pool = r.env.Roots.Clone()
	} else if sys, err := x509.SystemCertPool(); err == nil {
		pool = sys
	} else {
		pool = x509.NewCertPool()
	}
	if extra != nil {
		for _, c := range extra.certs {
			pool.AddCert(c)
		}
	}
	return pool
}

// fromExtra reports whether a verified chain ends in one of the extra CAs.
func fromExtra(state tls.ConnectionState, extra *extraCAs) bool {
	if extra == nil {
		return false
	}
	for _, chain := range state.VerifiedChains {
		if len(chain) == 0 {
			continue
		}
		root := chain[len(chain)-1]
		for _, c := range extra.certs {
			if bytes.Equal(c.Raw, root.Raw) {
				return true
			}
		}
	}
	return false
}

// selfSigned reports whether a certificate is signed by its own key.
func selfSigned(c *x509.Certificate) bool {
	return bytes.Equal(c.RawIssuer, c.RawSubject) && c.CheckSignatureFrom(c) == nil
}

// tlsTrouble explains a failed handshake: the detail message, and whether
// it is a certificate problem (tls-certificate) rather than a connection
// problem.
func (r *runner) tlsTrouble(err error, host string, now time.Time) (detail Message, certProblem bool) {
	var verr *tls.CertificateVerificationError
	if !errors.As(err, &verr) || len(verr.UnverifiedCertificates) == 0 {
		return msg(MsgTLSHandshake, errText(err)), false
	}
	leaf := verr.UnverifiedCertificates[0]
	var unknown x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalid x509.CertificateInvalidError
	switch {
	case errors.As(verr.Err, &hostErr):
		names := leaf.DNSNames
		for _, ip := range leaf.IPAddresses {
			names = append(names, ip.String())
		}
		if len(names) == 0 {
			names = []string{leaf.Subject.CommonName}
		}
		return msg(MsgTLSHostname, host, strings.Join(names, ", "), issuerName(leaf)), true
	case errors.As(verr.Err, &invalid) && invalid.Reason == x509.Expired:
		return msg(MsgTLSExpired, leaf.NotBefore.UTC().Format(time.RFC3339), leaf.NotAfter.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339)), true
	case errors.As(verr.Err, &unknown) && selfSigned(leaf):
		return msg(MsgTLSSelfSigned, subjectName(leaf)), true
	case errors.As(verr.Err, &unknown):
		top := verr.UnverifiedCertificates[len(verr.UnverifiedCertificates)-1]
		return msg(MsgTLSUntrusted, issuerName(top)), true
	}
	return msg(MsgTLSVerify, errText(verr.Err), issuerName(leaf)), true
}
