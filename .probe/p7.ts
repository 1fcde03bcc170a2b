import { Parser, Lexer } from 'yaml';
for (const text of ['a: ' + '['.repeat(100) + ']'.repeat(100), 'a: ' + '{a: '.repeat(100) + '1' + '}'.repeat(100), 'a:\n' + Array.from({length: 100}, (_, i) => ' '.repeat(i+1) + 'a:').join('\n') + ' 1', 'a:\n' + '- '.repeat(100) + 'x', '- ' + '[{a: '.repeat(50) + '1' + '}]'.repeat(50)]) {
  const p = new Parser(); let max = 0;
  for (const lx of new Lexer().lex(text)) { for (const _ of p.next(lx)); max = Math.max(max, p.stack.length); }
  console.log(max);
}
