import { PassThrough } from 'node:stream';
import { exprCommand } from '../../src/cli/exprCommand';

function captureIo() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const text = (stream: PassThrough) => () => (stream.read() as Buffer | null)?.toString('utf8') ?? '';
  return { io: { stdout, stderr, env: {}, cwd: process.cwd() }, out: text(stdout), err: text(stderr) };
}

describe('idbridge expr', () => {
  it('prints the parse response and exits 0 when evaluation succeeds', async () => {
    const { io, out } = captureIo();
    const code = await exprCommand(['--expression', 'Replace([preferredLanguage], "-", , , "_", , )', '--input', '{"preferredLanguage": "EN-US"}'], io);
    expect(code).toBe(0);
    expect(JSON.parse(out())).toEqual({ parsingSucceeded: true, evaluationSucceeded: true, evaluationResult: ['EN_US'], parsedExpression: 'Replace([preferredLanguage], "-", , , "_", , )', error: null });
  });

  it('takes lists as multi-valued attributes, --default-domain for DefaultDomain() and --now for Now()', async () => {
    const { io, out } = captureIo();
    expect(await exprCommand(['-e', 'Join(";", [proxyAddresses], DefaultDomain())', '-i', '{"proxyAddresses": ["a", "b"]}', '--default-domain', 'contoso.example'], io)).toBe(0);
    expect(JSON.parse(out()).evaluationResult).toEqual(['a;b;contoso.example']);
    const clock = captureIo();
    expect(await exprCommand(['-e', 'Now()', '--now', '2021-07-02T15:33:38Z'], clock.io)).toBe(0);
    expect(JSON.parse(clock.out()).evaluationResult).toEqual(['7/2/2021 3:33:38 PM']);
  });

  it('exits 1 with the response when the expression does not parse', async () => {
    const { io, out } = captureIo();
    expect(await exprCommand(['--expression', 'Join(" ", [a]'], io)).toBe(1);
    expect(JSON.parse(out())).toEqual(expect.objectContaining({ parsingSucceeded: false, error: expect.objectContaining({ code: 'ExpressionSyntaxError' }) }));
  });

  it.each<[string[], RegExp]>([
    [[], /--expression is required/],
    [['-e', '[a]', '--input', '{bad'], /--input is not valid JSON/],
    [['-e', '[a]', '--input', '[1]'], /--input must be a JSON object/],
    [['-e', '[a]', '--input', '{"a": {"b": 1}}'], /"a" must be a string, number, boolean, null or a list/],
    [['-e', '[a]', '--now', 'yesterday'], /--now must be an ISO 8601 date-time/],
    [['-e', '[a]', '--verbose'], /Unknown option '--verbose'/],
  ])('exits 2 for %j', async (argv, message) => {
    const { io, err } = captureIo();
    expect(await exprCommand(argv, io)).toBe(2);
    const text = err();
    expect(text).toMatch(message);
    expect(text).toMatch(/Usage: idbridge expr/);
  });
});
