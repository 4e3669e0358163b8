// The public API, read with fetch (same origin).  Errors carry the API's message.

export function url(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== undefined && v !== null && v !== "") q.set(k, v);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

async function answer(r) {
  let body = null;
  try { body = await r.json(); } catch (e) { body = null; }
  if (!r.ok) {
    const message = (body && body.error && body.error.message) || `HTTP ${r.status}`;
    const err = new Error(message);
    err.status = r.status;
    throw err;
  }
  return body;
}

export async function get(path, params) {
  return answer(await fetch(url(path, params), { headers: { Accept: "application/json" } }));
}

export async function post(path, body) {
  return answer(await fetch(path, { method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" },
                                     body: JSON.stringify(body) }));
}

// a named query of the library: POST /queries/{name}
export async function query(name, params, limit) {
  return post(`/queries/${encodeURIComponent(name)}`, { params, ...(limit ? { limit } : {}) });
}

export const idPath = (id) => encodeURIComponent(id);
