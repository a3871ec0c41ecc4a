// Node main. What the hub's port answers in plain HTTP: a phone's browser cannot pin the
// hub's certificate, so the phone installs the hub's own CA once (README, 手机信任) and
// then opens the pairing link over HTTPS like any trusted site. Plain HTTP serves the CA
// certificate (public, nothing secret), a page saying how to install it and which
// fingerprint to compare with the commander's screen, and a redirect of the pairing page
// to HTTPS. Nothing else: no station data ever travels unencrypted.
import type http from 'node:http';
import type { HubCertificate } from './cert';

export const CA_PATH = '/ca.crt';
export const CA_FILE_NAME = 'enforcement-console-hub-ca.crt';

/** "AB12 CD34 …": the fingerprint in groups of four, as both screens show it. */
export const groupedFingerprint = (hex: string): string => hex.toUpperCase().match(/.{1,4}/g)!.join(' ');

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(cert: HubCertificate, host: string): string {
  const fp = escapeHtml(groupedFingerprint(cert.fingerprint));
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>安装同步中心证书 — 强制执行指挥台</title>
<style>body{font:15px/1.6 system-ui,sans-serif;margin:0;padding:12px;max-width:640px}h1{font-size:18px}code{word-break:break-all;font-size:14px}a.button{display:inline-block;padding:8px 14px;border:1px solid #333;border-radius:4px;text-decoration:none;color:inherit}li{margin:4px 0}</style>
</head><body>
<h1>安装同步中心证书</h1>
<p>本页只提供同步中心的证书机构（CA）证书。安装后，手机浏览器才能以加密、受信任的方式打开配对页面。</p>
<p><a class="button" href="${CA_PATH}" download="${CA_FILE_NAME}">下载证书</a></p>
<p>安装时请核对证书的 SHA-256 指纹与指挥员屏幕上显示的<strong>完全一致</strong>，不一致不得安装：</p>
<p><code>${fp}</code></p>
<h2>安卓</h2>
<ol><li>下载上面的证书文件。</li><li>设置 → 安全（或“安全和隐私 → 更多安全设置”）→ 加密与凭据 → 安装证书 → CA 证书 → 仍然安装，选择下载的文件。</li><li>在“信任的凭据 → 用户”中打开“强制执行指挥台同步中心证书机构”，核对 SHA-256 指纹。</li></ol>
<h2>苹果 iPhone / iPad</h2>
<ol><li>用 Safari 打开本页，下载证书，允许下载描述文件。</li><li>设置 → 通用 → VPN与设备管理 → 选中该描述文件 → 安装（在“更多详细信息”中核对 SHA-256 指纹）。</li><li>设置 → 通用 → 关于本机 → 证书信任设置 → 打开对该证书的完全信任。</li></ol>
<p>然后扫描指挥员屏幕上的配对二维码。行动结束后请删除该证书。</p>
<p><small>地址：${escapeHtml(host)}</small></p>
</body></html>`;
}

/** The plain-HTTP side of the hub's port. */
export function servePlain(req: http.IncomingMessage, res: http.ServerResponse, cert: HubCertificate, pairPath: string): void {
  const { pathname, search } = new URL(req.url ?? '/', 'http://hub.invalid');
  const host = /^[0-9a-fA-F.:[\]]+$/.test(req.headers.host ?? '') ? req.headers.host! : '';
  const headers = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...headers, Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
    return void res.end('只支持 GET');
  }
  if (pathname === CA_PATH) {
    res.writeHead(200, {
      ...headers,
      'Content-Type': 'application/x-x509-ca-cert',
      'Content-Disposition': `attachment; filename="${CA_FILE_NAME}"`,
      'Content-Length': cert.caDer.length,
    });
    return void res.end(req.method === 'HEAD' ? undefined : cert.caDer);
  }
  if (pathname === '/') {
    const body = Buffer.from(page(cert, host), 'utf8');
    res.writeHead(200, {
      ...headers,
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': body.length,
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
    });
    return void res.end(req.method === 'HEAD' ? undefined : body);
  }
  // The pairing link typed without "s": the same address over HTTPS (the fragment with the token stays in the browser).
  if (pathname === pairPath && host) {
    res.writeHead(301, { ...headers, Location: `https://${host}${pairPath}${search}` });
    return void res.end();
  }
  res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end('未找到：同步中心只通过 HTTPS 提供服务');
}
