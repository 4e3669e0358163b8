// name: gaps_uncarried
// description: Duties of a higher region's agencies that no task of the lower region carries down (no lower task DERIVED_FROM them), with the agency's lower counterparts, who should.
// show: agency, task, deadline, counterparts
// param upper: region, example 河南省 -- the higher region, exactly
// param lower: region, default "", example 许昌市 -- the lower region, exactly (the regions under it are not included) expected to carry them; "" = no lower region at all
// unordered: counterparts
// The carried tasks are collected first by a forward chain, and the agencies expanded from a bound
// region: a NOT EXISTS per task (or an OPTIONAL MATCH counted to 0) joined the whole DERIVED_FROM
// table on LadybugDB (~1 s at 1M nodes, 30 ms this way).
MATCH (u:Agency)-[:RESPONSIBLE_FOR]->(ut:Task)<-[:DERIVED_FROM]-(lt:Task)
WHERE u.region = $upper AND ($lower = '' OR lt.region = $lower)
WITH collect(DISTINCT ut.key) AS carried
MATCH (u:Agency)
WHERE u.region = $upper
OPTIONAL MATCH (l:Agency)-[:COUNTERPART_OF]->(u)
WHERE $lower = '' OR l.region = $lower
WITH carried, u, collect(DISTINCT l.name) AS counterparts
MATCH (u)-[:RESPONSIBLE_FOR]->(ut:Task)-[:PART_OF]->(d:Document)
WHERE NOT ut.key IN carried
RETURN u.key AS agency_key, u.name AS agency, ut.key AS task_key, ut.text AS task, ut.deadline AS deadline,
       counterparts, d.key AS document_key, d.title AS title
ORDER BY u.key, coalesce(d.date, ''), d.key, coalesce(ut.ordinal, 0), ut.key
