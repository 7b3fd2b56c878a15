import { createHash } from 'node:crypto';

/** One stylesheet for every page, inlined and allowed by its hash so the CSP needs no 'unsafe-inline'. */
export const pageStyle = `
:root{color-scheme:light dark;--ink:#1d1d1f;--muted:#5f6368;--paper:#fff;--rule:#d9d9de;--accent:#0b57d0;--box:#f4f6fa}
@media (prefers-color-scheme:dark){:root{--ink:#ececf1;--muted:#a8abb3;--paper:#15161a;--rule:#34363d;--accent:#8ab4f8;--box:#1f2127}}
*{box-sizing:border-box}
html{font-size:112.5%;-webkit-text-size-adjust:100%}
body{margin:0;background:var(--paper);color:var(--ink);font-family:Charter,"Bitstream Charter","Sitka Text",Cambria,Georgia,"Noto Serif","DejaVu Serif",serif;line-height:1.6}
:lang(ru) body,body:lang(ru){font-family:"PT Serif",Georgia,"Noto Serif","DejaVu Serif",serif}
:lang(zh),:lang(ja){font-family:"Noto Serif CJK SC","Source Han Serif SC","Songti SC",SimSun,serif;line-height:1.8}
:lang(ar),:lang(fa),:lang(ur){font-family:"Noto Naskh Arabic","Amiri","Geeza Pro","Times New Roman",serif;line-height:1.9}
nav,header .meta,.notice,.facts,footer{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic","Noto Sans CJK SC",sans-serif}
main{max-width:42rem;margin:0 auto;padding:1.5rem 1.25rem 3rem}
nav{border-bottom:1px solid var(--rule);padding:.5rem 1.25rem;font-size:.85rem}
nav ul{list-style:none;margin:0 auto;padding:0;max-width:42rem;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
nav a{color:var(--accent);text-decoration:none}
nav a[aria-current]{color:var(--ink);font-weight:600}
h1{font-size:2rem;line-height:1.2;margin:.5rem 0 .75rem}
h2{font-size:1.15rem;margin:2rem 0 .5rem}
.meta,.notice{color:var(--muted);font-size:.85rem;margin:.25rem 0}
.caption{font-style:italic;color:var(--muted)}
.summary{border-inline-start:4px solid var(--accent);padding-inline-start:1rem;margin:1.5rem 0}
.summary ul{margin:0;padding-inline-start:1.1rem}
.facts{background:var(--box);border-radius:.5rem;padding:.75rem 1rem;font-size:.9rem;margin:1.5rem 0}
.facts h2{margin-top:.25rem}
.facts dl{display:grid;grid-template-columns:minmax(6rem,max-content) 1fr;gap:.35rem 1rem;margin:0}
.facts dt{font-weight:600}
.facts dd{margin:0}
.facts ul{margin:0;padding:0;list-style:none}
.facts .role{color:var(--muted)}
blockquote{margin:1rem 0;padding-inline-start:1rem;border-inline-start:3px solid var(--rule)}
footer{color:var(--muted);font-size:.8rem;border-top:1px solid var(--rule);margin-top:3rem;padding-top:1rem}
@media print{nav,footer{display:none}body{font-size:11pt;background:#fff;color:#000}main{max-width:none;padding:0}.facts{border:1px solid #999;background:none;break-inside:avoid}a{color:inherit}}
`.trim();

export const pageStyleHash = `sha256-${createHash('sha256').update(pageStyle).digest('base64')}`;

/** No scripts, no external requests, no framing, no forms: the page is text and its own stylesheet. */
export const contentSecurityPolicy = `default-src 'none'; style-src '${pageStyleHash}'; img-src 'none'; script-src 'none'; base-uri 'none'; form-action 'none'`;
