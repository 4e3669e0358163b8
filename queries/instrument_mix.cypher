// name: instrument_mix
// description: The policy-instrument mix of the tasks of a region (a province includes its cities and counties), a level, a document or a year: how many tasks use each tool (their primary code, or every tool they use with with_also), of how many, and the share.
// show: type, tool, tasks, total, share
// param region: region, default "", example 河南省 -- this province, city or county and every region under it ("" = everywhere)
// param level: string, default "" -- the level of the documents: national, province, city or county ("" = any)
// param document: string, default "" -- a document key, its 文号, or a fragment of its title ("" = any)
// param year: string, default "" -- the year of the documents' date ("" = any)
// param with_also: bool, default false -- count every tool a task uses, not only its primary one
// total = the uses counted (tasks, when only primary codes are counted); share = tasks / total.
MATCH (d:Document)<-[:PART_OF]-(t:Task)-[u:USES]->(i:Instrument)
WHERE ($region = '' OR d.province = $region OR d.city = $region OR d.county = $region)
  AND ($level = '' OR d.level = $level)
  AND ($document = '' OR d.key = $document OR d.doc_number = $document OR d.title CONTAINS $document)
  AND ($year = '' OR left(d.date, 4) = $year)
  AND (u.`primary` OR $with_also)
WITH i, count(DISTINCT t) AS tasks
WITH collect({tool: i.key, type: i.type, tasks: tasks}) AS rows, sum(tasks) AS total
UNWIND rows AS r
RETURN r.type AS type, r.tool AS tool, r.tasks AS tasks, total AS total, 1.0 * r.tasks / total AS share
ORDER BY tasks DESC, tool
