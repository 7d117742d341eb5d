// Renders an SVG icon to PNG files of the sizes given, at build time: the hicolor theme wants
// PNGs for the desktops and menus that do not draw SVG.
//   render-icon <in.svg> <out-dir> <name> <size>...   writes <out-dir>/<size>x<size>/<name>.png
#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>

#include <cstdio>

int main(int argc, char* argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 5) {
        std::fprintf(stderr, "usage: render-icon <in.svg> <out-dir> <name> <size>...\n");
        return 2;
    }
    QSvgRenderer renderer(args.at(1));
    if (!renderer.isValid()) {
        std::fprintf(stderr, "render-icon: %s is not a valid SVG\n", qPrintable(args.at(1)));
        return 1;
    }
    for (qsizetype i = 4; i < args.size(); ++i) {
        bool ok = false;
        const int size = args.at(i).toInt(&ok);
        if (!ok || size <= 0 || size > 1024) {
            std::fprintf(stderr, "render-icon: bad size %s\n", qPrintable(args.at(i)));
            return 2;
        }
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        renderer.render(&painter, QRectF(0, 0, size, size));
        painter.end();
        const QString dir = args.at(2) + QStringLiteral("/%1x%1").arg(size);
        QDir().mkpath(dir);
        if (!image.save(dir + u'/' + args.at(3) + QStringLiteral(".png"))) {
            std::fprintf(stderr, "render-icon: cannot write into %s\n", qPrintable(dir));
            return 1;
        }
    }
    return 0;
}
