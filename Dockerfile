# Multi-stage build: a static partnergraph binary on a minimal image, run as
# a non-root user, with the seed reports baked in (mount others at /seeds).
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/partnergraph ./cmd/partnergraph

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/partnergraph /usr/local/bin/partnergraph
COPY --from=build /src/seeds /seeds
USER nonroot:nonroot
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/partnergraph"]
CMD ["serve", "--addr", ":8080", "--seeds", "/seeds"]
