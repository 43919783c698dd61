// Used only by bench/typing-cpu.mjs --attribute. Samples the whole extension host (every extension in it)
// with V8's profiler from the moment `start` appears in $CRAFT_TIME_BENCH_PROFILE_DIR until `stop` appears,
// then writes `profile.cpuprofile` there. The bench reads which samples have Craft Time's code on the stack.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const inspector = require('node:inspector');

exports.activate = function activate() {
  const dir = process.env.CRAFT_TIME_BENCH_PROFILE_DIR;
  if (!dir) return;
  const session = new inspector.Session();
  session.connect();
  const post = (method, params) => new Promise((resolve, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result))));
  let state = 'waiting';
  const timer = setInterval(() => {
    if (state === 'waiting' && fs.existsSync(path.join(dir, 'start'))) {
      state = 'starting';
      post('Profiler.enable').then(() => post('Profiler.setSamplingInterval', { interval: 500 })).then(() => post('Profiler.start'))
        .then(() => { state = 'running'; fs.writeFileSync(path.join(dir, 'started'), ''); });
    } else if (state === 'running' && fs.existsSync(path.join(dir, 'stop'))) {
      state = 'done';
      clearInterval(timer);
      post('Profiler.stop').then(({ profile }) => {
        fs.writeFileSync(path.join(dir, 'profile.tmp'), JSON.stringify(profile));
        fs.renameSync(path.join(dir, 'profile.tmp'), path.join(dir, 'profile.cpuprofile'));
      });
    }
  }, 100);
  return { dispose: () => clearInterval(timer) };
};

exports.deactivate = function deactivate() {};
