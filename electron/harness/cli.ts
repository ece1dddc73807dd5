import path from 'node:path';
import { parseArgs } from 'node:util';
import { startHarness } from './server';

/** `npm run web -- --data DIR [--port N]`: serve the app to a browser on this machine only. */
const { values } = parseArgs({ options: { data: { type: 'string' }, port: { type: 'string' } } });
if (!values.data) {
  console.error('用法：npm run web -- --data 数据目录 [--port 端口]');
  process.exit(2);
}
try {
  const harness = await startHarness({ dataDir: path.resolve(values.data), port: values.port ? Number(values.port) : 0 });
  console.log(`政务诚信台账（网页调试模式）已启动，数据目录：${path.resolve(values.data)}`);
  console.log(`请在本机浏览器打开：${harness.url}`);
  const stop = async () => {
    await harness.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
