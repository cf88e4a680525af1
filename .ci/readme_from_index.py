"""Write README.md from nbs/index.ipynb (what `nbdev_readme` does where Quarto is installed).

Usage: python .ci/readme_from_index.py          # rewrite README.md
       python .ci/readme_from_index.py --check  # exit 1 if README.md differs from what index.ipynb says
"""
import json, re, sys
from pathlib import Path

DOCS = 'https://numpy-nn.github.io/numpy_nn'

def readme_text(nb_path='nbs/index.ipynb'):
    nb = json.loads(Path(nb_path).read_text(encoding='utf-8'))
    out = ["<!-- Generated from nbs/index.ipynb by .ci/readme_from_index.py: edit the notebook, not this file. -->\n"]
    for cell in nb['cells']:
        src = ''.join(cell['source'])
        if cell['cell_type'] == 'markdown':
            if src.startswith('# '):  # title cell: '# title' + '> description'
                title, desc = src.split('\n\n', 1)
                src = title + '\n\n' + desc.lstrip('> ').strip()
            src = re.sub(r'\]\((\w+)\.ipynb(#[^)]*)?\)', lambda m: f']({DOCS}/{m[1]}.html{m[2] or ""})', src)
            out.append(src + '\n')
        elif not src.startswith('#| hide'):
            out.append('```python\n' + src + '\n```\n')
            for o in cell.get('outputs', []):
                text = o.get('text') or o.get('data', {}).get('text/plain')
                if text: out.append('```\n' + ''.join(text).rstrip() + '\n```\n')
    return '\n'.join(out)

if __name__ == '__main__':
    text = readme_text()
    if '--check' in sys.argv:
        if Path('README.md').read_text(encoding='utf-8') != text:
            sys.exit("README.md does not say what nbs/index.ipynb says: run python .ci/readme_from_index.py")
        print("README.md matches nbs/index.ipynb")
    else:
        Path('README.md').write_text(text, encoding='utf-8')
