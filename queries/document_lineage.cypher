// name: document_lineage
// description: A document's lineage: the documents it derives from (depth > 0: the ones it cites, and theirs), those derived from it (depth < 0), the ones it repeals (relation repeals) and those that repeal it (repealed_by), each with its status.
// show: relation, depth, doc_number, title, date, region, status, stub
// param document: string, example 豫政办〔2012〕33号 -- a document key, its 文号, or a fragment of its title
// anchor: document
// sort: start_key, -depth, relation, key
// The registry first finds the documents $document denotes (key, 文号 or title fragment: one scan of the
// documents), then runs this text once per document key: a chain that does not start from a bound
// document was searched from its other end (~0.8 s at 1M nodes for the cited_by branch).
// relation: self | cites | cited_by (via DERIVED_FROM) | repeals | repealed_by (via SUPERSEDES, depth 1 / -1);
// basis and score say how the nearest link was resolved (number | title).
MATCH (s:Document {key: $document})
// coalesce(): LadybugDB 0.22 mislabels the later UNION parts when one expression fills two columns
RETURN s.key AS start_key, 'self' AS relation, 0 AS depth, coalesce(s.key, '') AS key, s.doc_number AS doc_number,
       s.title AS title, s.date AS date, s.level AS level, coalesce(s.county, s.city, s.province) AS region,
       s.status AS status, s.stub AS stub, '' AS basis, 1.0 AS score
UNION ALL
MATCH (s:Document {key: $document})
MATCH p = (s)-[:DERIVED_FROM*1..6]->(o:Document)
WITH s, o, min(length(p)) AS depth
OPTIONAL MATCH (s)-[e:DERIVED_FROM]->(o)
WITH s, o, depth, min(e.basis) AS basis, max(e.score) AS score
RETURN s.key AS start_key, 'cites' AS relation, depth, o.key AS key, o.doc_number AS doc_number, o.title AS title,
       o.date AS date, o.level AS level, coalesce(o.county, o.city, o.province) AS region, o.status AS status,
       o.stub AS stub, coalesce(basis, '') AS basis, coalesce(score, 0.0) AS score
UNION ALL
MATCH (s:Document {key: $document})
MATCH p = (o:Document)-[:DERIVED_FROM*1..6]->(s)
WITH s, o, min(length(p)) AS depth
OPTIONAL MATCH (o)-[e:DERIVED_FROM]->(s)
WITH s, o, depth, min(e.basis) AS basis, max(e.score) AS score
RETURN s.key AS start_key, 'cited_by' AS relation, -depth AS depth, o.key AS key, o.doc_number AS doc_number,
       o.title AS title, o.date AS date, o.level AS level, coalesce(o.county, o.city, o.province) AS region,
       o.status AS status, o.stub AS stub, coalesce(basis, '') AS basis, coalesce(score, 0.0) AS score
UNION ALL
MATCH (s:Document {key: $document})
MATCH (s)-[e:SUPERSEDES]->(o:Document)
RETURN s.key AS start_key, 'repeals' AS relation, 1 AS depth, o.key AS key, o.doc_number AS doc_number,
       o.title AS title, o.date AS date, o.level AS level, coalesce(o.county, o.city, o.province) AS region,
       o.status AS status, o.stub AS stub, coalesce(e.basis, '') AS basis, coalesce(e.score, 0.0) AS score
UNION ALL
MATCH (s:Document {key: $document})
MATCH (o:Document)-[e:SUPERSEDES]->(s)
RETURN s.key AS start_key, 'repealed_by' AS relation, -1 AS depth, o.key AS key, o.doc_number AS doc_number,
       o.title AS title, o.date AS date, o.level AS level, coalesce(o.county, o.city, o.province) AS region,
       o.status AS status, o.stub AS stub, coalesce(e.basis, '') AS basis, coalesce(e.score, 0.0) AS score
