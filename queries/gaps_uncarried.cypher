// name: gaps_uncarried
// description: Duties of a higher region's agencies that no task of the lower region carries down (no lower task DERIVED_FROM them), with the agency's lower counterparts, who should.
// show: agency, task, deadline, counterparts
// param upper: region, example 河南省 -- the higher region
// param lower: region, default "", example 许昌市 -- the lower region expected to carry them; "" = no lower region at all
// unordered: counterparts
MATCH (u:Agency)-[:RESPONSIBLE_FOR]->(ut:Task)
WHERE u.region = $upper
  AND NOT EXISTS { MATCH (lt:Task)-[:DERIVED_FROM]->(ut) WHERE $lower = '' OR lt.region = $lower }
OPTIONAL MATCH (l:Agency)-[:COUNTERPART_OF]->(u)
WHERE $lower = '' OR l.region = $lower
WITH u, ut, collect(DISTINCT l.name) AS counterparts
MATCH (ut)-[:PART_OF]->(d:Document)
RETURN u.key AS agency_key, u.name AS agency, ut.key AS task_key, ut.text AS task, ut.deadline AS deadline,
       counterparts, d.key AS document_key, d.title AS title
ORDER BY u.key, coalesce(d.date, ''), d.key, coalesce(ut.ordinal, 0), ut.key
