// name: task_chain_of
// description: The chain of one task, given by its key, through the levels: the tasks it derives from (depth > 0) and those derived from it (depth < 0), via Task DERIVED_FROM (task_chain's rows for a key, read from the key instead of a scan of every task's text).
// show: depth, level, region, text, score
// param task: string, example 豫政〔2020〕75号#T1 -- a task key
// sort: start_key, -depth, key
// coalesce(): LadybugDB 0.22 mislabels the later UNION parts when one expression fills two columns
MATCH (t:Task {key: $task})
RETURN t.key AS start_key, 0 AS depth, coalesce(t.key, '') AS key, t.level AS level, t.region AS region, t.text AS text,
       t.doc AS document_key, 1.0 AS score
UNION ALL
MATCH p = (t:Task {key: $task})-[:DERIVED_FROM*1..3]->(o:Task)
WITH t, o, min(length(p)) AS depth
OPTIONAL MATCH (t)-[e:DERIVED_FROM]->(o)
RETURN t.key AS start_key, depth, o.key AS key, o.level AS level, o.region AS region, o.text AS text,
       o.doc AS document_key, max(e.score) AS score
UNION ALL
MATCH p = (o:Task)-[:DERIVED_FROM*1..3]->(t:Task {key: $task})
WITH t, o, min(length(p)) AS depth
OPTIONAL MATCH (o)-[e:DERIVED_FROM]->(t)
RETURN t.key AS start_key, -depth AS depth, o.key AS key, o.level AS level, o.region AS region, o.text AS text,
       o.doc AS document_key, max(e.score) AS score
