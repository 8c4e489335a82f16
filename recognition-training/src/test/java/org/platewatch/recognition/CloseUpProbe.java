package org.platewatch.recognition;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Development aid, not a test: for labelled us/ photos, draws the labelled plate box (green),
 * the close-up boxes' character lines (red) and writes the region to OUT/NAME.png, printing the
 * reads. Usage: CloseUpProbe OUTDIR LABEL.txt...
 */
public final class CloseUpProbe {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        try (Recognizer r = new Recognizer(Settings.defaults())) {
            for (int i = 1; i < args.length; i++) {
                Path txt = Path.of(args[i]);
                String[] f = Files.readString(txt).trim().split("\t");
                BufferedImage image = Recognizer.decode(txt.resolveSibling(f[0]));
                int x = Integer.parseInt(f[1]),
                        y = Integer.parseInt(f[2]),
                        w = Integer.parseInt(f[3]),
                        h = Integer.parseInt(f[4]);
                RgbImage img = RgbImage.of(image);
                List<CandidateReader.Glance> glances = r.glances(img);
                BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
                Graphics2D g = copy.createGraphics();
                g.drawImage(image, 0, 0, null);
                g.setStroke(new BasicStroke(1));
                g.setColor(Color.GREEN);
                g.drawRect(x - 2, y - 2, w + 4, h + 4);
                System.out.println("== " + f[0] + " truth " + f[5]);
                for (CandidateReader.Glance gl : glances.subList(0, Math.min(3, glances.size()))) {
                    TextBox line = r.candidateReader().mainLine(img, gl.box()).orElse(gl.box());
                    System.out.printf(
                            "  glance %-10s score %.3f box %.0f,%.0f %.0fx%.0f line %.0f,%.0f %.0fx%.0f -> %s%n",
                            gl.read().plate(),
                            gl.score(),
                            gl.box().x(),
                            gl.box().y(),
                            gl.box().w(),
                            gl.box().h(),
                            line.x(),
                            line.y(),
                            line.w(),
                            line.h(),
                            r.candidateReader()
                                    .closeUp(img, gl)
                                    .map(PlateCandidate::plate)
                                    .orElse("-"));
                    g.setColor(Color.RED);
                    g.drawRect((int) line.x(), (int) line.y(), (int) line.w(), (int) line.h());
                    g.setColor(Color.YELLOW);
                    g.drawRect(
                            (int) gl.box().x() - 1,
                            (int) gl.box().y() - 1,
                            (int) gl.box().w() + 2,
                            (int) gl.box().h() + 2);
                }
                g.dispose();
                int px = Math.max(0, x - w), py = Math.max(0, y - h);
                int pw = Math.min(copy.getWidth() - px, 3 * w), ph = Math.min(copy.getHeight() - py, 3 * h);
                BufferedImage region = copy.getSubimage(px, py, pw, ph);
                BufferedImage big = new BufferedImage(pw * 3, ph * 3, BufferedImage.TYPE_INT_RGB);
                Graphics2D b = big.createGraphics();
                b.drawImage(region, 0, 0, pw * 3, ph * 3, null);
                b.dispose();
                ImageIO.write(
                        big, "png", out.resolve(f[0].replace(".jpg", ".png")).toFile());
            }
        }
    }
}
