// name: document_lineage
// description: The documents a document derives from (depth > 0, the ones it cites, and theirs) and the documents derived from it (depth < 0), via Document DERIVED_FROM.
// show: depth, doc_number, title, date, region, stub
// param document: string, example 豫政办〔2012〕33号 -- a document key, its 文号, or a fragment of its title
// sort: start_key, -depth, key
MATCH (s:Document)
WHERE s.key = $document OR s.doc_number = $document OR ($document <> '' AND s.title CONTAINS $document)
// coalesce(): LadybugDB 0.22 mislabels the later UNION parts when one expression fills two columns
RETURN s.key AS start_key, 0 AS depth, coalesce(s.key, '') AS key, s.doc_number AS doc_number, s.title AS title,
       s.date AS date, s.level AS level, coalesce(s.county, s.city, s.province) AS region, s.stub AS stub
UNION ALL
MATCH (s:Document)
WHERE s.key = $document OR s.doc_number = $document OR ($document <> '' AND s.title CONTAINS $document)
MATCH p = (s)-[:DERIVED_FROM*1..6]->(o:Document)
WITH s, o, min(length(p)) AS depth
RETURN s.key AS start_key, depth, o.key AS key, o.doc_number AS doc_number, o.title AS title,
       o.date AS date, o.level AS level, coalesce(o.county, o.city, o.province) AS region, o.stub AS stub
UNION ALL
MATCH (s:Document)
WHERE s.key = $document OR s.doc_number = $document OR ($document <> '' AND s.title CONTAINS $document)
MATCH p = (o:Document)-[:DERIVED_FROM*1..6]->(s)
WITH s, o, min(length(p)) AS depth
RETURN s.key AS start_key, -depth AS depth, o.key AS key, o.doc_number AS doc_number, o.title AS title,
       o.date AS date, o.level AS level, coalesce(o.county, o.city, o.province) AS region, o.stub AS stub
