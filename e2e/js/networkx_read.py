"""Reads a GraphML or GEXF export with networkx and prints what it read as JSON:
   python networkx_read.py graphml|gexf FILE"""
import json
import sys

import networkx as nx

kind, path = sys.argv[1], sys.argv[2]
if kind == "graphml":
    g = nx.read_graphml(path)
    positioned = sum(1 for _, a in g.nodes(data=True) if "x" in a and "y" in a)
elif kind == "gexf":
    g = nx.read_gexf(path)
    positioned = sum(1 for _, a in g.nodes(data=True) if "viz" in a and "position" in a["viz"])
else:
    raise SystemExit(f"unknown format {kind}: want graphml or gexf")
print(json.dumps({"nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "positioned": positioned,
                  "directed": g.is_directed(), "multi": g.is_multigraph()}))
