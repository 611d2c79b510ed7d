/**
 * Preloaded into each demo kube-sim child (`node --import`): when Atrium goes away without
 * stopping it (killed, crashed), the IPC channel closes and the child shuts down too, instead
 * of lingering as an orphan holding its port.
 */
if (process.channel) {
  process.channel.unref();
  process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}
