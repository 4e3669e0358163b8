// name: agency_path
// description: How two agencies are connected: every shortest path (up to 8 steps) through tasks, documents, derivations and counterparts.
// show: hops, names, relationships
// param source: agency, example 市发展改革委 -- key, canonical name or alias of one agency
// param target: agency, example 省发展改革委 -- key, canonical name or alias of the other
// param source_region: region, default "", example 许昌市 -- only source agencies of this region and every region under it
// param target_region: region, default "", example 河南省 -- only target agencies of this region and every region under it
// anchor: source, target
// sort: hops, source_key, target_key, keys
// The registry first finds the agencies each name denotes (with the _region filters), then runs
// this text once per pair, $source and $target bound to one key each: a shortest-path search
// must start from bound ends (LadybugDB does not push an end filter into the search).
MATCH (a:Agency {key: $source}), (b:Agency {key: $target})
MATCH p = (a)-[:RESPONSIBLE_FOR|COOPERATES_WITH|PART_OF|DERIVED_FROM|COUNTERPART_OF|ISSUED_BY* ALL SHORTEST 1..8]-(b)
RETURN a.key AS source_key, b.key AS target_key, length(p) AS hops,
       list_transform(nodes(p), x -> x.key) AS keys,
       list_transform(nodes(p), x -> label(x)) AS labels,
       list_transform(nodes(p), x -> coalesce(x.name, x.title, x.text, x.key)) AS names,
       list_transform(rels(p), r -> label(r)) AS relationships
// dialect: neo4j
MATCH (a:Agency {key: $source}), (b:Agency {key: $target})
MATCH p = allShortestPaths((a)-[:RESPONSIBLE_FOR|COOPERATES_WITH|PART_OF|DERIVED_FROM|COUNTERPART_OF|ISSUED_BY*1..8]-(b))
RETURN a.key AS source_key, b.key AS target_key, length(p) AS hops,
       [x IN nodes(p) | x.key] AS keys,
       [x IN nodes(p) | labels(x)[0]] AS labels,
       [x IN nodes(p) | coalesce(x.name, x.title, x.text, x.key)] AS names,
       [r IN relationships(p) | type(r)] AS relationships
