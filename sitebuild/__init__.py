"""What only the book build needs: the Sphinx extension, theme fixes, icon font and web bundle.

Readers on Binder, Colab or a laptop never install this folder (``pip install -e .`` installs the
``seckill`` package only); the build finds it through ``sphinx: local_extensions`` in
``_config.yml``, which puts the repository root on the build's ``sys.path``.

- :mod:`~sitebuild.sphinxext`: the extension itself (static files, page script, data download);
- :mod:`~sitebuild.theme_fixes`: fixes for console errors and axe issues of the stock theme;
- :mod:`~sitebuild.iconfont`: cuts the theme's icon font down to the icons the site shows;
- :mod:`~sitebuild.chart_names`: tells apart charts with the same title on one page;
- ``web/``: the page script that draws charts, the book's stylesheet and the vendored Vega bundle.

It uses the readers' package (the renderer's build flag, the class that marks a chart's table of
numbers); the package never imports it.
"""
