// npm run deploy: build, push, and point the existing web-app deployment at the new version, so the
// webhook URL pasted in Stripe never changes. The deployment id comes from CARNET_DEPLOYMENT_ID.
import { execFileSync } from 'node:child_process';

const deploymentId = process.env.CARNET_DEPLOYMENT_ID;
if (!deploymentId) {
  console.error('Set CARNET_DEPLOYMENT_ID to the id of your web-app deployment (npx clasp list-deployments shows it).');
  process.exit(1);
}
const run = (command, args) => execFileSync(command, args, { stdio: 'inherit' });
run('npm', ['run', 'push']);
run('npx', ['clasp', 'update-deployment', deploymentId, '--description', `Carnet ${new Date().toISOString()}`]);
