// name: instrument_cascade_pairs
// description: For every lower task that derives from an upper task in a cascade (a task of the lower region's documents aligned to one of the upper region's), the tools of both and whether the lower task keeps the upper task's tool (kept) or its type (kept_type).
// show: upper_tool, lower_tool, kept, upper_task, lower_task
// param upper: region, example 河南省 -- the higher region (a province, or a city above its counties), exactly
// param lower: region, example 许昌市 -- the lower region, exactly (the regions under it are not included)
// The primary code of each task; task pairs are the DERIVED_FROM edges alignment computed (score = text similarity).
MATCH (ld:Document)<-[:PART_OF]-(lt:Task)-[e:DERIVED_FROM]->(ut:Task)-[:PART_OF]->(ud:Document)
WHERE coalesce(ld.county, ld.city, ld.province) = $lower AND coalesce(ud.county, ud.city, ud.province) = $upper
MATCH (lt)-[lu:USES]->(li:Instrument)
WHERE lu.`primary`
MATCH (ut)-[uu:USES]->(ui:Instrument)
WHERE uu.`primary`
RETURN ut.key AS upper_task_key, ut.text AS upper_task, ui.key AS upper_tool, ui.type AS upper_type,
       lt.key AS lower_task_key, lt.text AS lower_task, li.key AS lower_tool, li.type AS lower_type,
       ui.key = li.key AS kept, ui.type = li.type AS kept_type, e.score AS score,
       ud.key AS upper_document_key, ld.key AS lower_document_key
ORDER BY upper_task_key, lower_task_key
