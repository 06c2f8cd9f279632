// Typeset the formulas of an HTML page into SVG, as MathJax would in the
// browser: the page (stdin) comes back (stdout) needing no script and no
// network to show its mathematics. MathJax comes from the course's
// node_modules (package.json).
const chunks = [];
process.stdin.on('data', (chunk) => chunks.push(chunk));
process.stdin.on('end', () => {
  require('mathjax').init({
    loader: {load: ['input/tex', 'output/svg', 'adaptors/liteDOM']},
    tex: {
      inlineMath: [['$', '$'], ['\\(', '\\)']],
      displayMath: [['$$', '$$'], ['\\[', '\\]']],
      processEscapes: true,
    },
    svg: {fontCache: 'global'},
    startup: {document: Buffer.concat(chunks).toString('utf8')},
  }).then((MathJax) => {
    const adaptor = MathJax.startup.adaptor;
    const page = MathJax.startup.document.document;
    process.stdout.write(adaptor.doctype(page) + '\n'
                         + adaptor.outerHTML(adaptor.root(page)));
  }).catch((error) => {
    console.error(error.message || error);
    process.exit(1);
  });
});
