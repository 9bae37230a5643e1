import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { InputError } from '../../server/src/input-error';
import { FileTooLargeError, isRegularFileSync, readUntrustedFile, readUntrustedFileSync, rewriteUntrustedFile } from '../../server/src/fs/untrusted-file';

describe('reading a file we did not create', () => {
  let dir: string;
  let socket: string;
  const server = net.createServer();
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ss-untrusted-'));
    writeFileSync(path.join(dir, 'a.md'), 'hello');
    symlinkSync(path.join(dir, 'a.md'), path.join(dir, 'link.md'));
    symlinkSync('/dev/zero', path.join(dir, 'zero.md'));
    assert.equal(spawnSync('mkfifo', [path.join(dir, 'fifo.md')]).status, 0, 'mkfifo');
    mkdirSync(path.join(dir, 'folder.md'));
    socket = path.join(dir, 'socket.md');
    await new Promise<void>((resolve) => server.listen(socket, resolve));
  });
  after(() => server.close());

  // Both readers, the same answers.
  const readers = [
    ['async', (file: string, max: number) => readUntrustedFile(file, max)],
    ['sync', async (file: string, max: number) => readUntrustedFileSync(file, max)],
  ] as const;

  for (const [kind, read] of readers) {
    test(`${kind}: a regular file, directly and through a link, is read, and both paths have one identity`, async () => {
      const direct = await read(path.join(dir, 'a.md'), 100);
      const linked = await read(path.join(dir, 'link.md'), 100);
      assert.equal(direct.bytes.toString(), 'hello');
      assert.equal(linked.bytes.toString(), 'hello');
      assert.ok(direct.id);
      assert.equal(linked.id, direct.id);
    });

    test(`${kind}: what is not a regular file is refused at once, saying what it is`, async () => {
      for (const [name, kindOf] of [
        ['zero.md', /not a regular file \(a character device\)/],
        ['fifo.md', /not a regular file \(a FIFO\)/],
        ['folder.md', /not a regular file \(a folder\)/],
        ['socket.md', /not a regular file/],
      ] as const) {
        const file = path.join(dir, name);
        await assert.rejects(read(file, 4 * 1024 * 1024), (e: unknown) => e instanceof InputError && e.file === file && kindOf.test(e.reason), name);
      }
    });

    test(`${kind}: the size limit holds, on the size the file reports and while reading (/proc reports 0)`, async () => {
      writeFileSync(path.join(dir, 'eleven.md'), 'x'.repeat(11));
      assert.equal((await read(path.join(dir, 'eleven.md'), 11)).bytes.length, 11);
      await assert.rejects(read(path.join(dir, 'eleven.md'), 10), FileTooLargeError);
      await assert.rejects(read('/proc/self/environ', 10), FileTooLargeError);
      assert.ok((await read('/proc/self/environ', 1_000_000)).bytes.length > 10);
    });

    test(`${kind}: a missing file: the reason, and no stack`, async () => {
      await assert.rejects(read(path.join(dir, 'none.md'), 10), (e: unknown) => e instanceof InputError && e.reason === 'cannot read: ENOENT (no such file)');
    });
  }

  test('writing back goes into a regular file only', async () => {
    const file = path.join(dir, 'w.md');
    writeFileSync(file, 'a longer old text');
    assert.equal(await rewriteUntrustedFile(file, 'new'), undefined);
    assert.equal(readFileSync(file, 'utf8'), 'new');
    assert.match((await rewriteUntrustedFile(path.join(dir, 'fifo.md'), 'x')) ?? '', /not a regular file/);
    assert.match((await rewriteUntrustedFile(path.join(dir, 'none.md'), 'x')) ?? '', /^cannot write: ENOENT/);
  });

  test('isRegularFileSync: a stat that follows links, true only for a regular file', () => {
    assert.equal(isRegularFileSync(path.join(dir, 'a.md')), true);
    assert.equal(isRegularFileSync(path.join(dir, 'link.md')), true);
    for (const name of ['zero.md', 'fifo.md', 'folder.md', 'socket.md', 'none.md']) assert.equal(isRegularFileSync(path.join(dir, name)), false, name);
  });
});
