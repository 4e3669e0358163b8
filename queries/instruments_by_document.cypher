// name: instruments_by_document
// description: The policy-instrument mix document by document, for a cross-tab: per document and tool, the tasks, the document's total and the share, with the document's 文号, title, date and region.
// show: doc_number, title, type, tool, tasks, total, share
// param region: region, default "", example 河南省 -- only documents of this province, city or county and every region under it ("" = everywhere)
// param level: string, default "" -- the level of the documents: national, province, city or county ("" = any)
// param with_also: bool, default false -- count every tool a task uses, not only its primary one
MATCH (d:Document)<-[:PART_OF]-(t:Task)-[u:USES]->(i:Instrument)
WHERE ($region = '' OR d.province = $region OR d.city = $region OR d.county = $region)
  AND ($level = '' OR d.level = $level)
  AND (u.`primary` OR $with_also)
WITH d, i, count(DISTINCT t) AS tasks
WITH d, collect({tool: i.key, type: i.type, tasks: tasks}) AS rows, sum(tasks) AS total
UNWIND rows AS r
RETURN d.key AS document_key, d.doc_number AS doc_number, d.title AS title, d.date AS date,
       coalesce(d.county, d.city, d.province) AS region, r.type AS type, r.tool AS tool, r.tasks AS tasks,
       total AS total, 1.0 * r.tasks / total AS share
ORDER BY document_key, tasks DESC, tool
