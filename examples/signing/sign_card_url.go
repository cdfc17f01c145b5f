// Signed syndicard card URLs, in Go with the standard library only.
//
// The scheme is specified in docs/signing.md; this file is a complete implementation of it. Copy
// SignCardURL and its helpers into your service. Run with `go run sign_card_url.go`, it reads
// {"baseUrl", "key", "format", "query"} (or a list of them) as JSON on standard input and prints each URL on its
// own line (the project's tests drive it that way).
package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
)

// cardFields are the signed fields. Other parameters are not signed and are ignored by the service.
var cardFields = []string{"headline", "credit", "image", "site", "template", "lang"}

// rfc3986 percent-encodes every byte of the UTF-8 text except A-Z a-z 0-9 - . _ ~, with upper-case hex.
// (url.QueryEscape is not this: it writes spaces as '+'.)
func rfc3986(value string) string {
	var b strings.Builder
	for _, c := range []byte(value) {
		if (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// CanonicalCardQuery lists name=value for each known, non-empty field, sorted by name, joined by &.
func CanonicalCardQuery(query map[string]string) string {
	fields := append([]string(nil), cardFields...)
	sort.Strings(fields)
	parts := []string{}
	for _, field := range fields {
		if value, ok := query[field]; ok && value != "" {
			parts = append(parts, field+"="+rfc3986(value))
		}
	}
	return strings.Join(parts, "&")
}

// SignCardQuery is HMAC-SHA256 over the canonical query, base64url without padding.
func SignCardQuery(query map[string]string, key string) string {
	mac := hmac.New(sha256.New, []byte(key))
	mac.Write([]byte(CanonicalCardQuery(query)))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

// SignCardURL gives the ready-to-use URL of /og.png (format "png") or /og.jpg (format "jpeg").
func SignCardURL(query map[string]string, baseURL, key, format string) string {
	canonical := CanonicalCardQuery(query)
	path := "og.png"
	if format == "jpeg" {
		path = "og.jpg"
	}
	prefix := ""
	if canonical != "" {
		prefix = canonical + "&"
	}
	return strings.TrimRight(baseURL, "/") + "/" + path + "?" + prefix + "sig=" + SignCardQuery(query, key)
}

func main() {
	type signRequest struct {
		BaseURL string            `json:"baseUrl"`
		Key     string            `json:"key"`
		Format  string            `json:"format"`
		Query   map[string]string `json:"query"`
	}
	var raw json.RawMessage
	if err := json.NewDecoder(os.Stdin).Decode(&raw); err != nil {
		fmt.Fprintln(os.Stderr, "expected JSON {baseUrl, key, format, query} (or a list of them) on standard input:", err)
		os.Exit(2)
	}
	var requests []signRequest
	if err := json.Unmarshal(raw, &requests); err != nil {
		var one signRequest
		if err := json.Unmarshal(raw, &one); err != nil {
			fmt.Fprintln(os.Stderr, "expected JSON {baseUrl, key, format, query} (or a list of them) on standard input:", err)
			os.Exit(2)
		}
		requests = []signRequest{one}
	}
	for _, request := range requests {
		fmt.Println(SignCardURL(request.Query, request.BaseURL, request.Key, request.Format))
	}
}
