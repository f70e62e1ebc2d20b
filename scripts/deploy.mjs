// npm run deploy: test, build, push, and point the existing web-app deployment at the new version, so
// the webhook URL pasted in Stripe never changes. The deployment id comes from CARNET_DEPLOYMENT_ID.
// Nothing is pushed unless the whole test suite passes (as google/aside's deploy does).
import { execFileSync } from 'node:child_process';

const deploymentId = process.env.CARNET_DEPLOYMENT_ID;
if (!deploymentId) {
  console.error('Set CARNET_DEPLOYMENT_ID to the id of your web-app deployment (npx clasp list-deployments shows it).');
  process.exit(1);
}
const run = (command, args) => execFileSync(command, args, { stdio: 'inherit' });
try {
  run('npm', ['test']);
} catch {
  console.error('\nThe tests failed: nothing was pushed. Fix them (npm test) and deploy again.');
  process.exit(1);
}
run('npm', ['run', 'push']);
run('npx', ['clasp', 'update-deployment', deploymentId, '--description', `Carnet ${new Date().toISOString()}`]);
