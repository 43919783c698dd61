// node:test reporter used by scripts/integration.mjs for the ui suites: one JSON line per finished
// test ({ title, state, error? }), suites themselves are not counted. Titles join the enclosing
// describe()/test() names with " › ".
export default async function* jsonLines(source) {
  const stack = [];
  for await (const event of source) {
    if (event.type === 'test:start') {
      stack[event.data.nesting] = event.data.name;
      stack.length = event.data.nesting + 1;
      continue;
    }
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { data } = event;
    if (data.details?.type === 'suite') continue;
    const title = [...stack.slice(0, data.nesting), data.name].join(' › ');
    if (data.skip || data.todo) {
      yield `${JSON.stringify({ title, state: 'skipped' })}\n`;
      continue;
    }
    if (event.type === 'test:pass') {
      yield `${JSON.stringify({ title, state: 'passed' })}\n`;
    } else {
      const error = data.details?.error;
      const cause = error?.cause ?? error;
      const text = cause instanceof Error ? (cause.stack ?? cause.message) : String(cause?.message ?? cause);
      yield `${JSON.stringify({ title, state: 'failed', error: text })}\n`;
    }
  }
}
