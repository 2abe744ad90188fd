// Preloaded into a serve under test (`NODE_OPTIONS=--import …/cpu-profile-on-signal.mjs`, as
// bench/bridge-burst.ts --profile does): the first SIGUSR2 starts V8's CPU profiler, the next one writes
// the profile to $CPUPROF_OUT and says "cpuprofile written" on stderr. `--cpu-prof` is refused in
// NODE_OPTIONS and would cover start-up and warm-up too.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const session = new Session();
session.connect();
let running = false;
process.on('SIGUSR2', () => {
  if (!running) {
    running = true;
    session.post('Profiler.enable', () =>
      session.post('Profiler.setSamplingInterval', { interval: 200 }, () => session.post('Profiler.start')),
    );
    return;
  }
  running = false;
  session.post('Profiler.stop', (error, result) => {
    if (error) process.stderr.write(`cpuprofile failed: ${error.message}\n`);
    else writeFileSync(process.env.CPUPROF_OUT ?? 'serve.cpuprofile', JSON.stringify(result.profile));
    process.stderr.write('cpuprofile written\n');
  });
});
