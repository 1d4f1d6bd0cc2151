// report_check.js: injected by tests/cli/report_chromium.sh into a copy of
// an evcode report, run by headless Chromium. For every chart it measures
// what was really drawn (the SVG's laid-out box, each series path's length
// or area, each bar's box, each surge mark's position inside the plot, the
// width of each text) and writes one line per chart into <pre
// id="evc-check">, which the test reads back from --dump-dom. It also counts
// elements that only hostile strings could have made.
(function () {
    var out = [];
    function inside(b, p) {
        var cx = b.x + b.width / 2, cy = b.y + b.height / 2;
        return cx >= p.x - 1 && cx <= p.x + p.width + 1 &&
               cy >= p.y - 1 && cy <= p.y + p.height + 1;
    }
    var charts = document.querySelectorAll('svg.chart');
    for (var i = 0; i < charts.length; i++) {
        var svg = charts[i];
        var r = svg.getBoundingClientRect();
        var plot = svg.querySelector('rect.plot');
        var pb = plot ? plot.getBBox() : null;
        var series = svg.querySelectorAll('path.series'), okSeries = 0;
        for (var j = 0; j < series.length; j++) {
            var p = series[j], b = p.getBBox();
            var drawn = p.classList.contains('area')
                ? b.width > 0 && b.height > 0
                : p.getTotalLength() > 0;
            if (drawn && (!pb || inside(b, pb)))
                okSeries++;
        }
        var bars = svg.querySelectorAll('rect.bar'), okBars = 0;
        for (j = 0; j < bars.length; j++) {
            b = bars[j].getBBox();
            if (b.width > 0 && b.height > 0)
                okBars++;
        }
        var marks = svg.querySelectorAll('circle.surge'), okMarks = 0;
        for (j = 0; j < marks.length; j++) {
            b = marks[j].getBBox();
            if (b.width > 0 && (!pb || inside(b, pb)))
                okMarks++;
        }
        var texts = svg.querySelectorAll('text'), okTexts = 0;
        for (j = 0; j < texts.length; j++)
            if (texts[j].getComputedTextLength() > 0)
                okTexts++;
        out.push('chart ' + svg.getAttribute('data-chart') +
                 ' w=' + Math.round(r.width) + ' h=' + Math.round(r.height) +
                 ' series=' + okSeries + '/' + series.length +
                 ' bars=' + okBars + '/' + bars.length +
                 ' marks=' + okMarks + '/' + marks.length +
                 ' texts=' + okTexts + '/' + texts.length);
    }
    out.push('elements script=' + document.querySelectorAll('script').length +
             ' img=' + document.querySelectorAll('img').length +
             ' b=' + document.querySelectorAll('b').length +
             ' u=' + document.querySelectorAll('u').length +
             ' svg=' + document.querySelectorAll('svg').length);
    var pre = document.createElement('pre');
    pre.id = 'evc-check';
    pre.textContent = out.join('\n');
    document.body.appendChild(pre);
})();
