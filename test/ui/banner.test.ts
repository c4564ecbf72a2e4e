import { describe, expect, it } from 'vitest';
import { uiBannerLines } from '../../src/ui/banner.js';

describe('uiBannerLines', () => {
  it('prints Spark\'s line with the URL when the UI got the port it asked for', () => {
    expect(uiBannerLines({ url: 'http://127.0.0.1:4040', port: 4040, requestedPort: 4040, host: '127.0.0.1' })).toEqual([
      'Spark context Web UI available at http://127.0.0.1:4040',
    ]);
  });

  it('says the port moved when the requested one was in use', () => {
    expect(uiBannerLines({ url: 'http://127.0.0.1:4041', port: 4041, requestedPort: 4040, host: '127.0.0.1' })).toEqual([
      'Port 4040 is in use, so the web UI is on port 4041 instead.',
      'Spark context Web UI available at http://127.0.0.1:4041',
    ]);
  });

  it('warns that the UI is open to the network when bound to 0.0.0.0', () => {
    const lines = uiBannerLines({ url: 'http://192.168.1.20:4040', port: 4040, requestedPort: 4040, host: '0.0.0.0' });
    expect(lines[0]).toBe('Spark context Web UI available at http://192.168.1.20:4040');
    expect(lines[1]).toMatch(/^Warning: the web UI listens on 0\.0\.0\.0, so anyone on this network can open it.*--ui-host 127\.0\.0\.1/);
  });
});
