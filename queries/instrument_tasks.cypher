// name: instrument_tasks
// description: The tasks that use a given policy instrument, in a region (a province includes its cities and counties) or a document, with the cue that decided the code, the rule, the document and the agencies responsible for or cooperating on each.
// show: task, primary, rule, doc_number, responsible, cooperating
// param tool: tool, example 资金投入 -- one of the 16 tools of the coding manual
// param region: region, default "", example 河南省 -- this province, city or county and every region under it ("" = everywhere)
// param level: string, default "" -- the level of the documents: national, province, city or county ("" = any)
// param document: string, default "" -- a document key, its 文号, or a fragment of its title ("" = any)
// param year: string, default "" -- the year of the documents' date ("" = any)
// param with_also: bool, default false -- also the tasks that use the tool besides their primary one
// unordered: responsible, cooperating
// cue_start, cue_end: the first cue of the code, a span into the document's cleaned text.
MATCH (d:Document)<-[:PART_OF]-(t:Task)-[u:USES]->(i:Instrument {key: $tool})
WHERE ($region = '' OR d.province = $region OR d.city = $region OR d.county = $region)
  AND ($level = '' OR d.level = $level)
  AND ($document = '' OR d.key = $document OR d.doc_number = $document OR d.title CONTAINS $document)
  AND ($year = '' OR left(d.date, 4) = $year)
  AND (u.`primary` OR $with_also)
OPTIONAL MATCH (a:Agency)-[r:RESPONSIBLE_FOR]->(t)
WITH d, t, u, i, collect(DISTINCT a.name) AS responsible
OPTIONAL MATCH (c:Agency)-[:COOPERATES_WITH]->(t)
WITH d, t, u, i, responsible, collect(DISTINCT c.name) AS cooperating
RETURN t.key AS task_key, t.text AS task, t.ordinal AS ordinal, i.key AS tool, i.type AS type,
       u.`primary` AS `primary`, u.span_start AS cue_start, u.span_end AS cue_end, u.rule AS rule,
       t.span_start AS span_start, t.span_end AS span_end, responsible AS responsible, cooperating AS cooperating,
       d.key AS document_key, d.doc_number AS doc_number, d.title AS title, d.date AS date,
       coalesce(d.county, d.city, d.province) AS region
ORDER BY coalesce(d.date, ''), document_key, ordinal, task_key
