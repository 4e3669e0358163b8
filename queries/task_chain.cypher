// name: task_chain
// description: The chain of a task through the levels (national -> province -> city -> county): the tasks it derives from (depth > 0) and those derived from it (depth < 0), via Task DERIVED_FROM.
// show: depth, level, region, text, score
// param task: string, example 产业集聚区 -- a task key, or a fragment of task text
// param region: region, default "", example 许昌市 -- only start tasks of this region and every region under it ("" = any)
// anchor: task
// sort: start_key, -depth, key
// The registry first finds the tasks $task denotes (its key: an index seek; else one scan for the
// fragment, with the region filter), then runs this text once per task key: three scans of every
// task's text (one per branch) and chains that did not start from bound tasks cost 0.7-2 s at 1M nodes.
MATCH (t:Task {key: $task})
// coalesce(): LadybugDB 0.22 mislabels the later UNION parts when one expression fills two columns
RETURN t.key AS start_key, 0 AS depth, coalesce(t.key, '') AS key, t.level AS level, t.region AS region, t.text AS text,
       t.doc AS document_key, 1.0 AS score
UNION ALL
MATCH (t:Task {key: $task})
MATCH p = (t)-[:DERIVED_FROM*1..3]->(o:Task)
WITH t, o, min(length(p)) AS depth
OPTIONAL MATCH (t)-[e:DERIVED_FROM]->(o)
RETURN t.key AS start_key, depth, o.key AS key, o.level AS level, o.region AS region, o.text AS text,
       o.doc AS document_key, max(e.score) AS score
UNION ALL
MATCH (t:Task {key: $task})
MATCH p = (o:Task)-[:DERIVED_FROM*1..3]->(t)
WITH t, o, min(length(p)) AS depth
OPTIONAL MATCH (o)-[e:DERIVED_FROM]->(t)
RETURN t.key AS start_key, -depth AS depth, o.key AS key, o.level AS level, o.region AS region, o.text AS text,
       o.doc AS document_key, max(e.score) AS score
