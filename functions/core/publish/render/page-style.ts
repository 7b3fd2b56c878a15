import { createHash } from 'node:crypto';

/**
 * One stylesheet for every page, inlined and allowed by its hash so the CSP needs no 'unsafe-inline'. System
 * fonts only (no downloads), with stacks per script: Latin and Cyrillic serif text, CJK without italics or spaces
 * to justify, Arabic-script text larger and looser, Urdu in Nastaliq where the reader has it; logical properties
 * throughout, so right-to-left pages mirror; a print style.
 */
export const pageStyle = `
:root{color-scheme:light dark;--ink:#1d1d1f;--muted:#5f6368;--paper:#fff;--rule:#d9d9de;--accent:#0b57d0;--box:#f4f6fa;--serif:Charter,"Bitstream Charter","Sitka Text",Cambria,Georgia,"Noto Serif","DejaVu Serif",serif;--sans:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif}
@media (prefers-color-scheme:dark){:root{--ink:#ececf1;--muted:#a8abb3;--paper:#15161a;--rule:#34363d;--accent:#8ab4f8;--box:#1f2127}}
:lang(ru),:lang(uk),:lang(bg),:lang(sr),:lang(be),:lang(mk),:lang(kk){--serif:"PT Serif",Georgia,"Noto Serif","DejaVu Serif",serif}
:lang(zh){--serif:"Noto Serif CJK SC","Source Han Serif SC","Songti SC",SimSun,serif;--sans:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif}
:lang(zh-TW){--serif:"Noto Serif CJK TC","Source Han Serif TC","Songti TC",PMingLiU,serif;--sans:"Noto Sans CJK TC","PingFang TC","Microsoft JhengHei",sans-serif}
:lang(ja){--serif:"Noto Serif CJK JP","Source Han Serif JP","Hiragino Mincho ProN","Yu Mincho",serif;--sans:"Noto Sans CJK JP","Hiragino Sans","Yu Gothic",sans-serif}
:lang(ko){--serif:"Noto Serif CJK KR","Source Han Serif K","Batang",serif;--sans:"Noto Sans CJK KR","Apple SD Gothic Neo","Malgun Gothic",sans-serif}
:lang(ar),:lang(fa),:lang(ps),:lang(sd),:lang(ug),:lang(ckb){--serif:"Noto Naskh Arabic","Amiri","Geeza Pro","Traditional Arabic","DejaVu Sans",serif;--sans:"Noto Sans Arabic","Segoe UI","Geeza Pro","DejaVu Sans",sans-serif}
:lang(ur){--serif:"Noto Nastaliq Urdu","Jameel Noori Nastaleeq","Noto Naskh Arabic","DejaVu Sans",serif;--sans:"Noto Sans Arabic","Segoe UI","DejaVu Sans",sans-serif}
:lang(he),:lang(yi){--serif:"Noto Serif Hebrew","Frank Ruehl CLM","David","Times New Roman",serif;--sans:"Noto Sans Hebrew","Arial Hebrew",Arial,sans-serif}
*{box-sizing:border-box}
.reviewed{text-decoration:underline dotted var(--accent);text-underline-offset:.2em}
html{font-size:112.5%;-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--paper);color:var(--ink);line-height:1.6;overflow-wrap:break-word}
body,[lang]{font-family:var(--serif)}
p,li,dd,blockquote{hyphens:auto;text-wrap:pretty}
q{quotes:none}
:lang(zh) body,:lang(ja) body,:lang(ko) body{line-height:1.8;line-break:strict}
:lang(zh),:lang(ja),:lang(ko),:lang(ar),:lang(fa),:lang(ur),:lang(ps),:lang(sd),:lang(ug),:lang(ckb),:lang(he){font-synthesis:none;letter-spacing:0}
:lang(ar) body,:lang(fa) body,:lang(ps) body,:lang(ckb) body{font-size:1.1rem;line-height:1.9}
:lang(ur) body{font-size:1.1rem;line-height:2.3}
body>nav,body>nav [lang],.meta,.notice,.facts,.facts [lang],footer,.data,.versions .language{font-family:var(--sans)}
main{max-width:42rem;margin:0 auto;padding:1.5rem 1.25rem 3rem}
body>nav{border-block-end:1px solid var(--rule);padding:.5rem 1.25rem;font-size:.85rem}
nav ul{list-style:none;margin:0 auto;padding:0;max-width:42rem;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
nav a{color:var(--accent);text-decoration:none}
nav a:hover,nav a:focus-visible{text-decoration:underline}
nav a[aria-current]{color:var(--ink);font-weight:600}
ul.versions{display:block}
.versions li{padding:.6rem 0;border-block-end:1px solid var(--rule)}
.versions .language{display:block;font-size:.8rem;color:var(--muted)}
.versions .headline{color:var(--ink);font-size:1.15rem}
.data{font-size:.75rem;margin-inline-start:.5rem}
h1{font-size:2rem;line-height:1.25;margin:.5rem 0 .75rem}
h2{font-size:1.15rem;margin:2rem 0 .5rem}
.meta,.notice{color:var(--muted);font-size:.85rem;margin:.25rem 0}
.caption{font-style:italic;color:var(--muted)}
.caption:is(:lang(zh),:lang(ja),:lang(ko),:lang(ar),:lang(fa),:lang(ur),:lang(he)){font-style:normal}
.summary{border-inline-start:4px solid var(--accent);padding-inline-start:1rem;margin:1.5rem 0}
.summary ul{margin:0;padding-inline-start:1.1rem}
.facts{background:var(--box);border-radius:.5rem;padding:.75rem 1rem;font-size:.9rem;margin:1.5rem 0}
.facts h2{margin-block-start:.25rem}
.facts dl{display:grid;grid-template-columns:minmax(6rem,max-content) 1fr;gap:.35rem 1rem;margin:0}
.facts dt{font-weight:600}
.facts dd{margin:0}
.facts ul{margin:0;padding:0;list-style:none}
.facts li+li{margin-block-start:.3rem}
.facts .role{color:var(--muted)}
.body ul{padding-inline-start:1.25rem}
blockquote{margin:1rem 0;padding-inline-start:1rem;border-inline-start:3px solid var(--rule)}
.body ol{padding-inline-start:1.5rem}
li>p,td>p,th>p,figcaption>p{margin:0}
li>p+p{margin-block-start:.4rem}
.table{overflow-x:auto;margin:1rem 0}
table{border-collapse:collapse;font-family:var(--sans);font-size:.9rem}
caption{text-align:start;color:var(--muted);padding-block-end:.35rem}
th,td{border-block-end:1px solid var(--rule);padding:.35rem .75rem;text-align:start;vertical-align:top}
th{font-weight:600}
figure{margin:1.25rem 0}
figcaption{color:var(--muted);font-size:.9rem}
.picture{font-family:var(--sans);font-size:.85rem;margin:.25rem 0}
.picture a,.body a,h1 a{color:var(--accent)}
code{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:.9em}
.tags{color:var(--muted);font-family:var(--sans);font-size:.85rem;margin-block-start:2rem}
footer{color:var(--muted);font-size:.8rem;border-block-start:1px solid var(--rule);margin:3rem auto 0;max-width:42rem;padding:1rem 1.25rem}
footer a{color:inherit}
@media (max-width:30rem){html{font-size:100%}h1{font-size:1.6rem}.facts dl{grid-template-columns:1fr}}
@media print{@page{margin:2cm}body>nav,footer,.data{display:none}html{font-size:11pt}body{background:#fff;color:#000}main{max-width:none;padding:0}h1,h2{break-after:avoid}p{orphans:3;widows:3}.summary{border-color:#000}.facts{border:1px solid #999;background:none;break-inside:avoid}a{color:inherit;text-decoration:none}}
`.trim();

export const pageStyleHash = `sha256-${createHash('sha256').update(pageStyle).digest('base64')}`;

/** No scripts, no external requests, no framing, no forms: the page is text and its own stylesheet. */
export const contentSecurityPolicy = `default-src 'none'; style-src '${pageStyleHash}'; img-src 'none'; script-src 'none'; base-uri 'none'; form-action 'none'`;
