package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Media types of GraphQL over HTTP.
const (
	mediaJSON            = "application/json"
	mediaGraphQLResponse = "application/graphql-response+json"
)

// httpTransport is the one transport of /graphql: GET and POST as the
// GraphQL-over-HTTP specification says, with every client mistake answered
// by a 4xx status and an error with extensions.code (never the request
// body, which is neither echoed nor logged), request errors answered
// without a data entry, the error list capped, and batches (a JSON array
// of requests) served up to maxBatch.
//
// Each HTTP request is given timeout (if above 0) from when it reaches the
// transport: its deadline is set here rather than by a handler in front,
// which would copy the *http.Request (r.WithContext) only to carry it.
type httpTransport struct {
	maxBatch  int
	maxErrors int
	timeout   time.Duration
}

var _ graphql.Transport = httpTransport{}

// Supports every request: methods and media types the API does not serve
// are answered here with the right status rather than gqlgen's bare 400.
func (httpTransport) Supports(*http.Request) bool { return true }

// requestError is a mistake in the HTTP request itself.
type requestError struct {
	status int
	code   string
	msg    string
}

func (e *requestError) Error() string { return e.msg }

func badRequest(format string, args ...any) *requestError {
	return &requestError{http.StatusBadRequest, CodeBadRequest, fmt.Sprintf(format, args...)}
}

func (t httpTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	var deadline time.Time // reading the body counts against the timeout
	if t.timeout > 0 {
		deadline = time.Now().Add(t.timeout)
	}
	media, ok := responseMedia(r.Header.Values("Accept"))
	if !ok {
		t.fail(w, mediaJSON, &requestError{http.StatusNotAcceptable, CodeBadRequest,
			"the Accept header allows neither application/graphql-response+json nor application/json"})
		return
	}
	var (
		reqs  []json.RawMessage
		batch bool
		// one is the request when it has been read already: from the URL,
		// or from a plain body.
		one *graphql.RawParams
	)
	switch r.Method {
	case http.MethodGet:
		p, err := paramsFromURL(r.URL)
		if err != nil {
			t.fail(w, media, err)
			return
		}
		one = p
	case http.MethodPost:
		body, err := readBody(r)
		if err != nil {
			t.fail(w, media, err)
			return
		}
		if p, ok := plainEnvelope(body); ok {
			one = p
			break
		}
		if reqs, batch, err = splitBody(body, t.maxBatch); err != nil {
			t.fail(w, media, err)
			return
		}
	default:
		w.Header().Set("Allow", "GET, POST")
		t.fail(w, media, &requestError{http.StatusMethodNotAllowed, CodeBadRequest,
			fmt.Sprintf("method %s is not allowed: use GET or POST", r.Method)})
		return
	}
	ctx := r.Context()
	if t.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, deadline)
		defer cancel()
	}
	if !batch {
		p := one
		if p == nil {
			var err *requestError
			if p, err = paramsFromJSON(reqs[0]); err != nil {
				t.fail(w, media, err)
				return
			}
		}
		p.Headers = r.Header
		status, resp := t.execute(ctx, exec, p, media, r.Method == http.MethodGet)
		t.write(w, media, status, resp)
		return
	}
	out := make([]*wireResponse, len(reqs))
	for i, raw := range reqs {
		p, err := paramsFromJSON(raw)
		if err != nil {
			out[i] = &wireResponse{Errors: gqlerror.List{codedError(err.code, err.msg)}}
			continue
		}
		p.Headers = r.Header
		_, out[i] = t.execute(ctx, exec, p, media, false)
	}
	w.Header().Set("Content-Type", contentType(media))
	w.WriteHeader(http.StatusOK)
	b, _ := json.Marshal(out)
	w.Write(b)
}

// wireResponse is a GraphQL response as sent: no data entry at all when the
// request failed before execution (graphql.Response always writes one).
type wireResponse struct {
	Errors     gqlerror.List   `json:"errors,omitempty"`
	Data       json.RawMessage `json:"data,omitempty"`
	Extensions map[string]any  `json:"extensions,omitempty"`
}

// execute runs one request and returns the status and response.
func (t httpTransport) execute(ctx context.Context, exec graphql.GraphExecutor, p *graphql.RawParams, media string, get bool) (int, *wireResponse) {
	if p.Query == "" && p.Extensions["persistedQuery"] == nil {
		return http.StatusBadRequest, &wireResponse{Errors: gqlerror.List{codedError(CodeBadRequest, "the request has no query")}}
	}
	start := graphql.Now()
	p.ReadTime = graphql.TraceTiming{Start: start, End: start}
	oc, errs := exec.CreateOperationContext(ctx, p)
	if errs != nil {
		resp := exec.DispatchError(graphql.WithOperationContext(ctx, oc), errs)
		return requestErrorStatus(media, resp.Errors), &wireResponse{Errors: t.capErrors(resp.Errors), Extensions: resp.Extensions}
	}
	if get && oc.Operation.Operation != ast.Query {
		return http.StatusMethodNotAllowed, &wireResponse{Errors: gqlerror.List{codedError(CodeBadRequest,
			fmt.Sprintf("a %s cannot be sent with GET: use POST", oc.Operation.Operation))}}
	}
	responses, ctx := exec.DispatchOperation(ctx, oc)
	resp := responses(ctx)
	if resp == nil || (resp.Data == nil && ctx.Err() != nil) {
		return http.StatusOK, &wireResponse{Errors: gqlerror.List{codedError(CodeTimeout, "the request took longer than the server allows")}}
	}
	if resp.HasNext != nil && *resp.HasNext {
		// Incremental delivery is not served (the schema does not declare
		// @defer or @stream); a deferred answer is never sent in part.
		return http.StatusOK, &wireResponse{Errors: gqlerror.List{codedError(CodeBadRequest, "incremental delivery is not supported")}}
	}
	return http.StatusOK, &wireResponse{Errors: t.capErrors(resp.Errors), Data: resp.Data, Extensions: resp.Extensions}
}

// requestErrorStatus is the status of a request that failed before
// execution. With application/graphql-response+json every such failure is
// 400; with application/json the specification asks for 200 on GraphQL
// request errors (parse, validation, variables, limits), and the mistakes
// in the request's envelope stay 4xx.
func requestErrorStatus(media string, errs gqlerror.List) int {
	for _, e := range errs {
		switch e.Extensions["code"] {
		case CodeBadRequest, CodePersistedQueryNotFound, CodePersistedQueryHashMismatch:
			return http.StatusBadRequest
		}
	}
	if media == mediaGraphQLResponse {
		return http.StatusBadRequest
	}
	return http.StatusOK
}

func (t httpTransport) capErrors(errs gqlerror.List) gqlerror.List {
	if t.maxErrors <= 0 || len(errs) <= t.maxErrors {
		return errs
	}
	n := len(errs) - t.maxErrors
	out := append(gqlerror.List{}, errs[:t.maxErrors]...)
	return append(out, codedError(CodeTooManyErrors, fmt.Sprintf("%d more errors were left out", n)))
}

func (t httpTransport) write(w http.ResponseWriter, media string, status int, resp *wireResponse) {
	var b []byte
	var err error
	switch {
	case len(resp.Errors) == 0 && len(resp.Extensions) == 0 && resp.Data != nil && !needsHTMLEscape(resp.Data):
		// What dataOnly would give, written without copying the answer:
		// net/http buffers the three writes as it would one (a
		// Content-Length when the whole response fits its buffer, chunks
		// otherwise).
		w.Header().Set("Content-Type", contentType(media))
		w.WriteHeader(status)
		io.WriteString(w, `{"data":`)
		w.Write(resp.Data)
		io.WriteString(w, "}")
		return
	case len(resp.Errors) == 0 && len(resp.Extensions) == 0 && resp.Data != nil:
		b = dataOnly(resp.Data)
	default:
		b, err = json.Marshal(resp)
	}
	if err != nil {
		status = http.StatusInternalServerError
		b, _ = json.Marshal(&wireResponse{Errors: gqlerror.List{codedError(CodeInternal, "internal error")}})
	}
	w.Header().Set("Content-Type", contentType(media))
	w.WriteHeader(status)
	w.Write(b)
}

// contentType is the Content-Type header of a response of the media type.
func contentType(media string) string {
	switch media {
	case mediaJSON:
		return mediaJSON + "; charset=utf-8"
	case mediaGraphQLResponse:
		return mediaGraphQLResponse + "; charset=utf-8"
	}
	return media + "; charset=utf-8"
}

// dataOnly is json.Marshal of a wireResponse holding only data: gqlgen
// writes its data compact, so it is copied with json.HTMLEscape (<, >, &
// and U+2028, U+2029 escaped, as json.Marshal copies a json.RawMessage),
// without re-validating and compacting the whole answer.
func dataOnly(data []byte) []byte {
	var b bytes.Buffer
	b.Grow(len(data) + len(`{"data":}`) + 16)
	b.WriteString(`{"data":`)
	json.HTMLEscape(&b, data)
	b.WriteByte('}')
	return b.Bytes()
}

// needsHTMLEscape reports whether json.HTMLEscape would change data: it
// holds <, >, & or U+2028 or U+2029 (E2 80 A8, E2 80 A9 in UTF-8). Each
// byte is looked for with bytes.IndexByte, much faster than HTMLEscape's
// loop over every byte.
func needsHTMLEscape(data []byte) bool {
	if bytes.IndexByte(data, '<') >= 0 || bytes.IndexByte(data, '>') >= 0 || bytes.IndexByte(data, '&') >= 0 {
		return true
	}
	for rest := data; ; {
		i := bytes.IndexByte(rest, 0xE2)
		if i < 0 {
			return false
		}
		rest = rest[i+1:]
		if len(rest) >= 2 && rest[0] == 0x80 && (rest[1] == 0xA8 || rest[1] == 0xA9) {
			return true
		}
	}
}

func (t httpTransport) fail(w http.ResponseWriter, media string, re *requestError) {
	t.write(w, media, re.status, &wireResponse{Errors: gqlerror.List{codedError(re.code, re.msg)}})
}

func codedError(code, msg string) *gqlerror.Error {
	return &gqlerror.Error{Message: msg, Extensions: map[string]any{"code": code}}
}

// responseMedia picks the response's media type from the Accept header:
// the first acceptable one listed; application/json when none is given.
func responseMedia(accept []string) (string, bool) {
	var ranges []string
	for _, a := range accept {
		for _, part := range strings.Split(a, ",") {
			if part = strings.TrimSpace(part); part != "" {
				ranges = append(ranges, part)
			}
		}
	}
	if len(ranges) == 0 {
		return mediaJSON, true
	}
	for _, part := range ranges {
		mt, params, err := mime.ParseMediaType(part)
		if err != nil || params["q"] == "0" {
			continue
		}
		switch mt {
		case mediaGraphQLResponse:
			return mediaGraphQLResponse, true
		case mediaJSON, "application/*", "*/*":
			return mediaJSON, true
		}
	}
	return "", false
}

func paramsFromURL(u *url.URL) (*graphql.RawParams, *requestError) {
	q, perr := url.ParseQuery(u.RawQuery)
	if perr != nil {
		return nil, badRequest("the URL's query string cannot be parsed")
	}
	p := &graphql.RawParams{Query: q.Get("query"), OperationName: q.Get("operationName")}
	var err *requestError
	if v := q.Get("variables"); v != "" {
		if p.Variables, err = decodeObject([]byte(v), "variables"); err != nil {
			return nil, err
		}
	}
	if v := q.Get("extensions"); v != "" {
		if p.Extensions, err = decodeObject([]byte(v), "extensions"); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// readBody reads a POST body of media type application/json.
func readBody(r *http.Request) ([]byte, *requestError) {
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		return nil, &requestError{http.StatusUnsupportedMediaType, CodeBadRequest,
			"the request has no Content-Type: send application/json"}
	}
	// Most clients send exactly application/json, which needs no parsing.
	if ct != mediaJSON {
		mt, params, err := mime.ParseMediaType(ct)
		if err != nil || mt != mediaJSON {
			return nil, &requestError{http.StatusUnsupportedMediaType, CodeBadRequest,
				fmt.Sprintf("media type %q is not supported: send application/json", trimForMessage(ct))}
		}
		if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") && !strings.EqualFold(cs, "utf8") {
			return nil, &requestError{http.StatusUnsupportedMediaType, CodeBadRequest,
				fmt.Sprintf("charset %q is not supported: send UTF-8", trimForMessage(cs))}
		}
	}
	body, err := readAll(r.Body, r.ContentLength)
	if err != nil {
		var tooBig *http.MaxBytesError
		var ne net.Error
		switch {
		case errors.As(err, &tooBig):
			return nil, &requestError{http.StatusRequestEntityTooLarge, CodeBadUserInput,
				fmt.Sprintf("request body is over the %d-byte limit", tooBig.Limit)}
		case errors.As(err, &ne) && ne.Timeout():
			return nil, &requestError{http.StatusRequestTimeout, CodeBadRequest, "the request body did not arrive in time"}
		default:
			return nil, badRequest("the request body could not be read")
		}
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, badRequest("the request body is empty: send a JSON object with a query")
	}
	return body, nil
}

// readAll is io.ReadAll, its loop and its errors, with a buffer the size
// of the body when the request gives it rather than one grown from 512
// bytes; the byte to spare lets the read that meets the end of the body
// find room without growing it. The length is the client's word, so no
// more than maxPresized is made ready before the bytes arrive: a thousand
// connections each claiming the body limit and sending nothing would
// otherwise hold a gigabyte; a longer body grows as io.ReadAll's does.
func readAll(body io.Reader, length int64) ([]byte, error) {
	if length <= 0 {
		return io.ReadAll(body)
	}
	b := make([]byte, 0, min(length, maxPresized)+1)
	for {
		n, err := body.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err != nil {
			if err == io.EOF {
				err = nil
			}
			return b, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // more than it said, or than was made ready: more room
		}
	}
}

// maxPresized is the most readAll allocates on a request's word: bigger
// than any usual question's body.
const maxPresized = 64 << 10

func trimForMessage(s string) string {
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}

// splitBody tells one request from a batch and checks the JSON is valid.
func splitBody(body []byte, maxBatch int) ([]json.RawMessage, bool, *requestError) {
	if !json.Valid(body) {
		return nil, false, badRequest("the request body is not valid JSON")
	}
	trimmed := bytes.TrimSpace(body)
	switch trimmed[0] {
	case '{':
		return []json.RawMessage{trimmed}, false, nil
	case '[':
		var reqs []json.RawMessage
		if err := json.Unmarshal(trimmed, &reqs); err != nil {
			return nil, false, badRequest("the request body is not valid JSON")
		}
		switch {
		case len(reqs) == 0:
			return nil, false, badRequest("the batch is empty")
		case len(reqs) > maxBatch:
			return nil, false, &requestError{http.StatusBadRequest, CodeBatchTooLarge,
				fmt.Sprintf("a batch of %d requests is over the limit of %d", len(reqs), maxBatch)}
		}
		return reqs, true, nil
	default:
		return nil, false, badRequest("the request body must be a JSON object (or an array of them, a batch)")
	}
}

// paramsFromJSON reads one request object, checking the type of each
// parameter.
func paramsFromJSON(raw json.RawMessage) (*graphql.RawParams, *requestError) {
	// Most requests are well formed: one decoding reads them. Any mistake
	// is read again below, parameter by parameter, to be named.
	var ok struct {
		Query         *string         `json:"query"`
		OperationName *string         `json:"operationName"`
		Variables     json.RawMessage `json:"variables"`
		Extensions    json.RawMessage `json:"extensions"`
	}
	if json.Unmarshal(raw, &ok) == nil {
		p := &graphql.RawParams{}
		if ok.Query != nil {
			p.Query = *ok.Query
		}
		if ok.OperationName != nil {
			p.OperationName = *ok.OperationName
		}
		var err *requestError
		if p.Variables, err = decodeObject(ok.Variables, "variables"); err != nil {
			return nil, err
		}
		if p.Extensions, err = decodeObject(ok.Extensions, "extensions"); err != nil {
			return nil, err
		}
		return p, nil
	}
	var req struct {
		Query         json.RawMessage `json:"query"`
		OperationName json.RawMessage `json:"operationName"`
		Variables     json.RawMessage `json:"variables"`
		Extensions    json.RawMessage `json:"extensions"`
	}
	if err := json.Unmarshal(raw, &req); err != nil {
		return nil, badRequest("a request must be a JSON object with a query")
	}
	p := &graphql.RawParams{}
	var err *requestError
	if p.Query, err = optionalString(req.Query, "query"); err != nil {
		return nil, err
	}
	if p.OperationName, err = optionalString(req.OperationName, "operationName"); err != nil {
		return nil, err
	}
	if p.Variables, err = decodeObject(req.Variables, "variables"); err != nil {
		return nil, err
	}
	if p.Extensions, err = decodeObject(req.Extensions, "extensions"); err != nil {
		return nil, err
	}
	return p, nil
}

func isNull(raw json.RawMessage) bool {
	t := bytes.TrimSpace(raw)
	return len(t) == 0 || string(t) == "null"
}

func optionalString(raw json.RawMessage, name string) (string, *requestError) {
	if isNull(raw) {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", badRequest("%s must be a string", name)
	}
	return s, nil
}

func decodeObject(raw []byte, name string) (map[string]any, *requestError) {
	if isNull(raw) {
		return nil, nil
	}
	t := bytes.TrimSpace(raw)
	if t[0] != '{' {
		return nil, badRequest("%s must be a JSON object", name)
	}
	dec := json.NewDecoder(bytes.NewReader(t))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil || dec.More() {
		return nil, badRequest("%s must be a JSON object", name)
	}
	return m, nil
}
