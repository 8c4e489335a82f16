package org.platewatch.recognition;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Path;
import java.util.List;

/** Development aid, not a test: draws the close-up stage of the best glances into /tmp/rc/probe-N.png. */
public final class CloseUpProbe {
    public static void main(String[] args) throws Exception {
        Settings s = Settings.defaults();
        try (Recognizer r = new Recognizer(s)) {
            OcrModels m = new OcrModels(1, 1);
            TextDetector lineDet = new TextDetector(m, m.lineDetector);
            CandidateReader cr = new CandidateReader(lineDet, new TextLineReader(m), s);
            int k = 0;
            for (String a : args) {
                BufferedImage src = Recognizer.decode(Path.of(a));
                RgbImage img = RgbImage.of(src);
                List<CandidateReader.Glance> gs = r.glances(img);
                for (CandidateReader.Glance g : gs.subList(0, Math.min(2, gs.size()))) {
                    TextBox c = g.box();
                    double rx = c.x() - c.w() * 0.25, ry = c.y() - c.h() * 0.6, rw = c.w() * 1.5, rh = c.h() * 2.2;
                    double sc = s.lineHeight() / c.h();
                    List<TextBox> lines = lineDet.detect(img, rx, ry, rw, rh, Math.min(640, Recognizer.roundTo32(rw * sc)), Math.min(320, Recognizer.roundTo32(rh * sc)), 0.3);
                    TextBox main = cr.mainLine(img, c).orElse(null);
                    System.out.println("cand " + c + " lines " + lines + " main " + main);
                    int ox = (int) (c.x() - c.w()), oy = (int) (c.y() - c.h() * 1.5), ow = (int) (c.w() * 3), oh = (int) (c.h() * 4);
                    double z = 400.0 / ow;
                    BufferedImage out = new BufferedImage(400, (int) (oh * z), BufferedImage.TYPE_INT_RGB);
                    Graphics2D gr = out.createGraphics();
                    gr.drawImage(src, 0, 0, 400, (int) (oh * z), ox, oy, ox + ow, oy + oh, null);
                    gr.setStroke(new BasicStroke(1));
                    draw(gr, c, ox, oy, z, Color.RED);
                    for (TextBox l : lines) draw(gr, l, ox, oy, z, Color.YELLOW);
                    if (main != null) draw(gr, main, ox, oy, z, Color.GREEN);
                    ImageIO.write(out, "png", new File("/tmp/rc/probe-" + (k++) + ".png"));
                    System.out.printf("probe-%d %s glance=%s %s%n", k - 1, a, g.read().plate(), cr.closeUp(img, g).map(PlateCandidate::plate).orElse("-"));
                }
            }
            m.close();
        }
    }

    static void draw(Graphics2D g, TextBox b, int ox, int oy, double z, Color c) {
        g.setColor(c);
        g.drawRect((int) ((b.x() - ox) * z), (int) ((b.y() - oy) * z), (int) (b.w() * z), (int) (b.h() * z));
    }
}
