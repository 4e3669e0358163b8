// name: instruments_by_agency
// description: The policy-instrument mix agency by agency, through the tasks each is responsible for or cooperates on, for a cross-tab: per agency and tool, the tasks, the agency's total and the share.
// show: agency, region, type, tool, tasks, total, share
// param region: region, default "", example 河南省 -- only tasks of documents of this province, city or county and every region under it ("" = everywhere)
// param level: string, default "" -- the level of the documents: national, province, city or county ("" = any)
// param with_also: bool, default false -- count every tool a task uses, not only its primary one
// A task an agency both leads and cooperates on counts once for it.
MATCH (a:Agency)-[:RESPONSIBLE_FOR|COOPERATES_WITH]->(t:Task)-[:PART_OF]->(d:Document)
WHERE ($region = '' OR d.province = $region OR d.city = $region OR d.county = $region)
  AND ($level = '' OR d.level = $level)
MATCH (t)-[u:USES]->(i:Instrument)
WHERE u.`primary` OR $with_also
WITH a, i, count(DISTINCT t) AS tasks
WITH a, collect({tool: i.key, type: i.type, tasks: tasks}) AS rows, sum(tasks) AS total
UNWIND rows AS r
RETURN a.key AS agency_key, a.name AS agency, a.region AS region, r.type AS type, r.tool AS tool,
       r.tasks AS tasks, total AS total, 1.0 * r.tasks / total AS share
ORDER BY agency_key, tasks DESC, tool
