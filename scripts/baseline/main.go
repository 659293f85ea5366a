// Command baseline serves plain net/http handlers: the floors that
// scripts/bench-http.sh compares the GraphQL server against.
//
//   - by default a fixed reply, written without reading the request: as
//     fast as a handler gets;
//   - with --json-answer FILE, what a hand-written JSON endpoint does for the
//     same question: it decodes the POSTed request with encoding/json and
//     encodes FILE's answer (a council's partners' names, as the GraphQL
//     server gave it) from typed Go values with encoding/json, per request;
//   - with --hello, gqlgen's handler over `type Query { hello: String! }` on
//     /graphql: what gqlgen itself costs (--hello-query-cache adds the
//     parsed-query cache the service runs with).
package main

import (
	"encoding/json"
	"flag"
	"log"
	"net/http"
	"os"
)

// partnerNames is the answer of `{ council(id: …) { partners { edges {
// node { name } } } } }` as typed values, the way a REST handler would
// hold and encode it.
type partnerNames struct {
	Data struct {
		Council struct {
			Partners struct {
				Edges []struct {
					Node struct {
						Name string `json:"name"`
					} `json:"node"`
				} `json:"edges"`
			} `json:"partners"`
		} `json:"council"`
	} `json:"data"`
}

// request is the body a GraphQL client POSTs.
type request struct {
	Query         string         `json:"query"`
	OperationName string         `json:"operationName"`
	Variables     map[string]any `json:"variables"`
}

func main() {
	addr := flag.String("addr", "127.0.0.1:8091", "HOST:PORT to listen on")
	hello := flag.Bool("hello", false, "serve gqlgen's { hello } on /graphql instead of the fixed reply")
	helloCache := flag.Bool("hello-query-cache", false, "with --hello: keep parsed queries in an LRU cache of 1000, as the service does")
	jsonAnswer := flag.String("json-answer", "", "serve this JSON answer, decoding each request and encoding the answer with encoding/json")
	flag.Parse()
	switch {
	case *hello:
		http.Handle("/graphql", newHello(*helloCache))
		http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) })
	case *jsonAnswer != "":
		data, err := os.ReadFile(*jsonAnswer)
		if err != nil {
			log.Fatal(err)
		}
		var answer partnerNames
		if err := json.Unmarshal(data, &answer); err != nil {
			log.Fatalf("%s: %v", *jsonAnswer, err)
		}
		if len(answer.Data.Council.Partners.Edges) == 0 {
			log.Fatalf("%s: no partners in the answer", *jsonAnswer)
		}
		http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
			if r.Method != http.MethodPost {
				w.Write([]byte("ok")) // the script's liveness probe
				return
			}
			var req request
			if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.Query == "" {
				http.Error(w, `{"errors":[{"message":"a JSON body with a query"}]}`, http.StatusBadRequest)
				return
			}
			w.Header().Set("Content-Type", "application/json")
			if err := json.NewEncoder(w).Encode(&answer); err != nil {
				log.Print(err)
			}
		})
	default:
		// Kept short, so that the floor is as fast as a handler gets: the
		// GraphQL answer it is compared with is about ten times longer.
		reply := []byte(`{"data":{"council":{"partners":{"edges":[]}}}}`)
		http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.Write(reply)
		})
	}
	log.Fatal(http.ListenAndServe(*addr, nil))
}
