// Command baseline serves a fixed JSON reply with plain net/http: the
// floor that scripts/bench-http.sh compares the GraphQL server against.
// With --hello it serves gqlgen's handler over `type Query { hello: String! }`
// instead, on /graphql: the second floor, what gqlgen itself costs.
package main

import (
	"flag"
	"log"
	"net/http"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8091", "HOST:PORT to listen on")
	hello := flag.Bool("hello", false, "serve gqlgen's { hello } on /graphql instead of the fixed reply")
	flag.Parse()
	if *hello {
		http.Handle("/graphql", newHello())
		http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) })
		log.Fatal(http.ListenAndServe(*addr, nil))
	}
	// Kept short, so that the floor is as fast as a handler gets: the
	// GraphQL answer it is compared with is about ten times longer.
	reply := []byte(`{"data":{"council":{"partners":{"edges":[]}}}}`)
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(reply)
	})
	log.Fatal(http.ListenAndServe(*addr, nil))
}
