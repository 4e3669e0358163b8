// name: task_chain
// description: The chain of a task through the levels (national -> province -> city -> county): the tasks it derives from (depth > 0) and those derived from it (depth < 0), via Task DERIVED_FROM.
// show: depth, level, region, text, score
// param task: string, example 产业集聚区 -- a task key, or a fragment of task text
// param region: region, default "", example 许昌市 -- only start tasks of this region or province ("" = any)
// sort: start_key, -depth, key
MATCH (t:Task)
WHERE (t.key = $task OR ($task <> '' AND t.text CONTAINS $task))
  AND ($region = '' OR t.region = $region OR EXISTS { MATCH (t)-[:PART_OF]->(d:Document) WHERE d.province = $region })
// coalesce(): LadybugDB 0.22 mislabels the later UNION parts when one expression fills two columns
RETURN t.key AS start_key, 0 AS depth, coalesce(t.key, '') AS key, t.level AS level, t.region AS region, t.text AS text,
       t.doc AS document_key, 1.0 AS score
UNION ALL
MATCH (t:Task)
WHERE (t.key = $task OR ($task <> '' AND t.text CONTAINS $task))
  AND ($region = '' OR t.region = $region OR EXISTS { MATCH (t)-[:PART_OF]->(d:Document) WHERE d.province = $region })
MATCH p = (t)-[:DERIVED_FROM*1..3]->(o:Task)
WITH t, o, min(length(p)) AS depth
OPTIONAL MATCH (t)-[e:DERIVED_FROM]->(o)
RETURN t.key AS start_key, depth, o.key AS key, o.level AS level, o.region AS region, o.text AS text,
       o.doc AS document_key, max(e.score) AS score
UNION ALL
MATCH (t:Task)
WHERE (t.key = $task OR ($task <> '' AND t.text CONTAINS $task))
  AND ($region = '' OR t.region = $region OR EXISTS { MATCH (t)-[:PART_OF]->(d:Document) WHERE d.province = $region })
MATCH p = (o:Task)-[:DERIVED_FROM*1..3]->(t)
WITH t, o, min(length(p)) AS depth
OPTIONAL MATCH (o)-[e:DERIVED_FROM]->(t)
RETURN t.key AS start_key, -depth AS depth, o.key AS key, o.level AS level, o.region AS region, o.text AS text,
       o.doc AS document_key, max(e.score) AS score
