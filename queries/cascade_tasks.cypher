// name: cascade_tasks
// description: Every task of a lower region that derives from a task of a higher region (one step or more above it), with both texts, their documents, the score, the basis (same, split, merged), the matching spans and the pairs of measures (sentences, clauses) behind it.
// show: upper_task, lower_task, score, basis
// param upper: region, example 河南省 -- the higher region, exactly (中国 for national documents)
// param lower: region, example 许昌市 -- the lower region, exactly (the regions under it are not included)
// sort: upper_document, upper_task_key, lower_document, lower_task_key
MATCH (lt:Task)-[d:DERIVED_FROM]->(ut:Task)
WHERE lt.region = $lower AND ut.region = $upper
MATCH (lt)-[:PART_OF]->(ld:Document)
MATCH (ut)-[:PART_OF]->(ud:Document)
RETURN ut.key AS upper_task_key, ut.text AS upper_task, ut.span_start AS upper_start, ud.key AS upper_document, ud.title AS upper_title,
       ud.source AS upper_source, lt.key AS lower_task_key, lt.text AS lower_task, lt.span_start AS lower_start,
       ld.key AS lower_document,
       ld.title AS lower_title, ld.source AS lower_source,
       d.score AS score, d.basis AS basis, d.rule AS rule, d.spans AS spans, d.units AS units
