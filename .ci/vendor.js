// Copies the browser libraries the site ships from node_modules into theme/assets/hocvuso/vendor/,
// each with its licence: `npm ci && npm run vendor` after changing a version in package.json.
// qrcode-generator's npm package has no LICENSE file; its licence (MIT) is the header of qrcode.js,
// which the copy keeps, and the LICENSE written here repeats that header with the MIT text.
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');  // this file lives in .ci/

const out = path.join(root, 'theme', 'assets', 'hocvuso', 'vendor');
const dir = path.join(root, 'node_modules', 'qrcode-generator');
const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
const source = path.join(dir, 'dist', 'qrcode.js');
const text = fs.readFileSync(source, 'utf8');
const copyright = text.match(/Copyright \(c\) .*/)[0];
fs.mkdirSync(out, {recursive: true});
fs.writeFileSync(path.join(out, 'qrcode.js'), `// qrcode-generator ${pkg.version} (npm), copied by vendor.js\n` + text);
fs.writeFileSync(path.join(out, 'qrcode.LICENSE.txt'), `qrcode-generator ${pkg.version}, ${pkg.repository.url}
${copyright}

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
associated documentation files (the "Software"), to deal in the Software without restriction,
including without limitation the rights to use, copy, modify, merge, publish, distribute,
sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT
NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES
OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
`);
console.log('vendor: qrcode-generator ' + pkg.version + ' -> ' + path.relative(root, out));
