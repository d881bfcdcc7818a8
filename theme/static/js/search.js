// Site search on /<lang>/search/: queries the Pagefind index of the page's language and lists the results.
// Pagefind picks the index from <html lang>; its excerpts are HTML with <mark>, rebuilt here as text and marks only.

const form = document.querySelector("form[data-search]");
const input = form.querySelector("input[name=q]");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const MAX_RESULTS = 20;

let pagefind = null;
let latest = 0; // number of the newest query, so a slow answer to an older one is dropped

async function loadPagefind() {
  if (!pagefind) {
    const module = await import(form.dataset.bundle);
    await module.options({ baseUrl: form.dataset.base, excerptLength: 24 });
    await module.init();
    pagefind = module;
  }
  return pagefind;
}

function say(template, values) {
  status.textContent = template.replace(/\{(\w+)\}/g, (_, key) => values[key] ?? "");
}

// Only text and <mark> survive: nothing in an excerpt can become markup, a link or a script.
function excerptNodes(html) {
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, "text/html").body;
  return Array.from(parsed.childNodes, (node) => {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      return mark;
    }
    return document.createTextNode(node.textContent);
  });
}

function resultItem(data) {
  const item = document.createElement("li");
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  heading.append(link);
  item.append(heading);
  if (data.meta.section) {
    const section = document.createElement("p");
    section.className = "search-section";
    section.textContent = data.meta.section;
    item.append(section);
  }
  const excerpt = document.createElement("p");
  excerpt.className = "search-excerpt";
  excerpt.append(...excerptNodes(data.excerpt));
  item.append(excerpt);
  return item;
}

async function run(query) {
  const number = ++latest;
  list.replaceChildren();
  list.hidden = true;
  if (!query.trim()) {
    status.textContent = "";
    return;
  }
  say(form.dataset.searching, {});
  let found;
  try {
    const engine = await loadPagefind();
    const search = await engine.search(query);
    found = { count: search.results.length,
              items: await Promise.all(search.results.slice(0, MAX_RESULTS).map((r) => r.data())) };
  } catch (error) {
    if (number === latest) say(form.dataset.unavailable, {});
    console.warn("search failed:", error);
    return;
  }
  if (number !== latest) return;
  list.replaceChildren(...found.items.map(resultItem));
  list.hidden = found.count === 0;
  say(found.count ? form.dataset.found : form.dataset.none, { count: found.count, query });
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const url = new URL(location.href);
  url.searchParams.set("q", input.value);
  history.replaceState(null, "", url);
  run(input.value);
});

const initial = new URLSearchParams(location.search).get("q") || "";
input.value = initial;
run(initial);
