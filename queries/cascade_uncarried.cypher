// name: cascade_uncarried
// description: The tasks of a higher region's documents that a lower region's documents carry down (cite, share the plan of, or derive tasks from), whose responsible bodies have counterparts in the lower region, and which no task of the lower region derives from.
// show: task, upper_title, agencies
// param upper: region, example 河南省 -- the higher region, exactly (中国 for national documents)
// param lower: region, example 许昌市 -- the lower region, exactly (the regions under it are not included)
// sort: upper_document, ordinal, task_key
// unordered: agencies, lower_documents, lower_sources
MATCH (ld:Document)-[:CARRIES]->(ud:Document)<-[:PART_OF]-(ut:Task)<-[:RESPONSIBLE_FOR]-(ua:Agency)<-[:COUNTERPART_OF]-(la:Agency)
WHERE coalesce(ld.county, ld.city, ld.province) = $lower AND ut.region = $upper AND la.region = $lower
  AND NOT EXISTS { MATCH (lt:Task)-[:DERIVED_FROM]->(ut) WHERE lt.region = $lower }
RETURN ut.key AS task_key, ut.text AS task, ut.ordinal AS ordinal, ud.key AS upper_document, ud.title AS upper_title,
       ud.source AS upper_source, collect(DISTINCT ua.name) AS agencies, collect(DISTINCT ld.key) AS lower_documents,
       collect(DISTINCT ld.source) AS lower_sources
