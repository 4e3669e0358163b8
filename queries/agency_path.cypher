// name: agency_path
// description: How two agencies are connected: every shortest path (up to 8 steps) through tasks, documents, derivations and counterparts.
// param source: agency, example 市发展改革委 -- key, canonical name or alias of one agency
// param target: agency, example 省发展改革委 -- key, canonical name or alias of the other
// param source_region: region, default "", example 许昌市 -- only source agencies of this region or province
// param target_region: region, default "", example 河南省 -- only target agencies of this region or province
// sort: hops, source_key, target_key, keys
MATCH (a:Agency)
WHERE $source_region = '' OR a.region = $source_region OR a.province = $source_region
WITH a, $source AS sforms
WHERE a.key IN sforms OR a.name IN sforms OR any(f IN a.aliases WHERE f IN sforms)
   OR ('fn:' + a.level + ':' + a.function) IN sforms OR ('fn:' + a.function) IN sforms
MATCH (b:Agency)
WHERE $target_region = '' OR b.region = $target_region OR b.province = $target_region
WITH a, b, $target AS tforms
WHERE (b.key IN tforms OR b.name IN tforms OR any(f IN b.aliases WHERE f IN tforms)
   OR ('fn:' + b.level + ':' + b.function) IN tforms OR ('fn:' + b.function) IN tforms)
  AND a.key <> b.key
MATCH p = (a)-[:RESPONSIBLE_FOR|COOPERATES_WITH|PART_OF|DERIVED_FROM|COUNTERPART_OF|ISSUED_BY* ALL SHORTEST 1..8]-(b)
RETURN a.key AS source_key, b.key AS target_key, length(p) AS hops,
       list_transform(nodes(p), x -> x.key) AS keys,
       list_transform(nodes(p), x -> label(x)) AS labels,
       list_transform(nodes(p), x -> coalesce(x.name, x.title, x.text, x.key)) AS names,
       list_transform(rels(p), r -> label(r)) AS relationships
// dialect: neo4j
MATCH (a:Agency)
WHERE $source_region = '' OR a.region = $source_region OR a.province = $source_region
WITH a, $source AS sforms
WHERE a.key IN sforms OR a.name IN sforms OR any(f IN a.aliases WHERE f IN sforms)
   OR ('fn:' + a.level + ':' + a.function) IN sforms OR ('fn:' + a.function) IN sforms
MATCH (b:Agency)
WHERE $target_region = '' OR b.region = $target_region OR b.province = $target_region
WITH a, b, $target AS tforms
WHERE (b.key IN tforms OR b.name IN tforms OR any(f IN b.aliases WHERE f IN tforms)
   OR ('fn:' + b.level + ':' + b.function) IN tforms OR ('fn:' + b.function) IN tforms)
  AND a.key <> b.key
MATCH p = allShortestPaths((a)-[:RESPONSIBLE_FOR|COOPERATES_WITH|PART_OF|DERIVED_FROM|COUNTERPART_OF|ISSUED_BY*1..8]-(b))
RETURN a.key AS source_key, b.key AS target_key, length(p) AS hops,
       [x IN nodes(p) | x.key] AS keys,
       [x IN nodes(p) | labels(x)[0]] AS labels,
       [x IN nodes(p) | coalesce(x.name, x.title, x.text, x.key)] AS names,
       [r IN relationships(p) | type(r)] AS relationships
