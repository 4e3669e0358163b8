// name: document_status
// description: Whether a document is in force: its status (in_force, repealed, partly_repealed), who repealed it and when, every repeal naming it (partial, proposed or reported ones too) and its own effective and expiry dates.
// show: doc_number, title, status, repealed_on, repealer_title, partial, modality
// param document: string, example 许政〔2015〕3号 -- a document key, its 文号, or a fragment of its title
// sort: key, repeal_effective, repealer_key
// One row per repeal naming the document (one row with empty repealer columns when none does).
MATCH (d:Document)
WHERE d.key = $document OR d.doc_number = $document OR ($document <> '' AND d.title CONTAINS $document)
OPTIONAL MATCH (r:Document)-[e:SUPERSEDES]->(d)
RETURN d.key AS key, d.doc_number AS doc_number, d.title AS title, d.date AS date, d.stub AS stub,
       d.status AS status, d.repealed_by AS repealed_by, d.repealed_on AS repealed_on,
       d.effective AS effective, d.expires AS expires,
       r.key AS repealer_key, r.doc_number AS repealer_number, r.title AS repealer_title,
       e.effective AS repeal_effective, e.partial AS partial, e.modality AS modality, e.trigger AS trigger,
       e.basis AS basis
