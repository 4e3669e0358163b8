// name: uncarried_tasks
// description: The tasks of the higher region's documents that a lower region's documents cite (carry down) which no task of the lower region derives from, with the agencies responsible for them and the lower documents that cite them.
// show: task, upper_title, agencies
// param upper: region, example 河南省 -- the higher region, exactly (the cited documents' province, city or county)
// param lower: region, example 许昌市 -- the lower region, exactly (the regions under it are not included)
// unordered: agencies, lower_documents
// Only documents the lower region cites (any citation of an ingested document): a higher region's other plans
// are not the lower region's to carry.
// OPTIONAL MATCH and a count, not NOT EXISTS: LadybugDB runs the subquery as a join of whole tables (~80x slower).
MATCH (ld:Document)-[c:DERIVED_FROM]->(ud:Document)
WHERE coalesce(ld.county, ld.city, ld.province) = $lower AND coalesce(ud.county, ud.city, ud.province) = $upper
  AND ud.stub = false
WITH ud, collect(DISTINCT ld.key) AS lower_documents
MATCH (ut:Task)-[:PART_OF]->(ud)
OPTIONAL MATCH (lt:Task)-[:DERIVED_FROM]->(ut)
WITH ud, lower_documents, ut, count(CASE WHEN lt.region = $lower THEN 1 END) AS carried
WHERE carried = 0
OPTIONAL MATCH (a:Agency)-[:RESPONSIBLE_FOR]->(ut)
WITH ut, ud, lower_documents, collect(DISTINCT a.name) AS agencies
RETURN ut.key AS task_key, ut.text AS task, ut.ordinal AS ordinal, ut.deadline AS deadline, ud.key AS upper_document,
       ud.title AS upper_title, ud.doc_number AS upper_number, agencies, lower_documents
ORDER BY upper_document, coalesce(ordinal, 0), task_key
